using Rampart.Security.Scanning.Config;

namespace Rampart.Security.Tests.Config;

/// <summary>Data flows and cross-file links that the one-check-per-folder corpus does not show.</summary>
public sealed class AnalyzerEdgeTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("rampart-edges-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string path, string text)
    {
        var full = Path.Combine(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private List<string> Ids() =>
        [.. new ConfigScanner().Scan(_root, TestContext.Current.CancellationToken).Findings.Select(f => $"{f.RuleId}@{f.Location!.Path}:{f.Location.StartLine}")];

    [Fact]
    public void TemplateInjection_FollowsJobOutputsIntoALaterJob()
    {
        Write(".github/workflows/w.yml", """
            on: pull_request
            permissions: {}
            jobs:
              meta:
                runs-on: ubuntu-latest
                outputs:
                  branch: ${{ steps.b.outputs.name }}
                steps:
                  - id: b
                    run: echo "name=${{ github.head_ref }}" >> "$GITHUB_OUTPUT"
              use:
                needs: meta
                runs-on: ubuntu-latest
                steps:
                  - run: git push origin ${{ needs.meta.outputs.branch }}
            """);
        var ids = Ids();
        Assert.Contains("gha-template-injection@.github/workflows/w.yml:10", ids);
        Assert.Contains("gha-template-injection@.github/workflows/w.yml:15", ids);
    }

    [Fact]
    public void TemplateInjection_IgnoresSafeOutputsAndShellVariables()
    {
        Write(".github/workflows/w.yml", """
            on: pull_request
            permissions: {}
            jobs:
              a:
                runs-on: ubuntu-latest
                steps:
                  - id: n
                    run: echo "n=${{ github.event.pull_request.number }}" >> "$GITHUB_OUTPUT"
                  - run: echo "${{ steps.n.outputs.n }} $GITHUB_HEAD_REF"
            """);
        Assert.DoesNotContain(Ids(), i => i.StartsWith("gha-template-injection", StringComparison.Ordinal));
    }

    [Fact]
    public void TemplateInjection_FollowsAttackerControlledMatrixValues()
    {
        Write(".github/workflows/w.yml", """
            on: issues
            permissions: {}
            jobs:
              a:
                runs-on: ubuntu-latest
                strategy:
                  matrix:
                    fixed: [one, two]
                    dynamic: ${{ github.event.issue.title }}
                    include:
                      - extra: ${{ github.event.issue.body }}
                steps:
                  - run: echo "${{ matrix.fixed }}"
                  - run: echo "${{ matrix.dynamic }}"
                  - run: echo "${{ matrix.extra }}"
            """);
        var ids = Ids();
        Assert.DoesNotContain("gha-template-injection@.github/workflows/w.yml:13", ids);
        Assert.Contains("gha-template-injection@.github/workflows/w.yml:14", ids);
        Assert.Contains("gha-template-injection@.github/workflows/w.yml:15", ids);
    }

    [Fact]
    public void TemplateInjection_FollowsAWholeMatrixBuiltFromEventData()
    {
        Write(".github/workflows/w.yml", """
            on: issue_comment
            permissions: {}
            jobs:
              a:
                runs-on: ubuntu-latest
                strategy:
                  matrix: ${{ fromJSON(github.event.comment.body) }}
                steps:
                  - run: echo "${{ matrix.anything }}"
            """);
        Assert.Contains("gha-template-injection@.github/workflows/w.yml:9", Ids());
    }

    private List<(string Id, int Line, string Severity, string Message)> Injections() =>
        [.. new ConfigScanner().Scan(_root, TestContext.Current.CancellationToken).Findings
            .Where(f => f.RuleId == "gha-template-injection")
            .Select(f => (f.RuleId, f.Location!.StartLine, f.Severity.ToString(), f.Message))
            .OrderBy(f => f.StartLine)];

    [Fact]
    public void TemplateInjection_ReportsAMatrixValueComputedFromOwnerContexts_AsInfo()
    {
        Write(".github/workflows/w.yml", """
            on: pull_request
            permissions: {}
            jobs:
              a:
                runs-on: ubuntu-latest
                strategy:
                  matrix:
                    plain: [x, y]
                    include:
                      - name: ${{ github.repository_owner }}-tools
                      - pick: ${{ github.repository_owner == 'acme' && 'one' || 'two' }}
                      - conf: ${{ vars.BUILD_FLAVOUR }}
                steps:
                  - run: echo ${{ matrix.plain }} ${{ matrix.pick }}
                  - run: echo ${{ matrix.name }}
                  - run: echo ${{ matrix.conf }}
            """);
        var hits = Injections();
        Assert.Equal([15, 16], hits.Select(h => h.Line));
        Assert.All(hits, h => Assert.Equal("Info", h.Severity));
        Assert.Contains("computed at run time from github.repository_owner", hits[0].Message, StringComparison.Ordinal);
        Assert.Contains("computed at run time from vars.BUILD_FLAVOUR", hits[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TemplateInjection_MatrixBuiltFromJobOutputs_CarriesTheirTaint()
    {
        Write(".github/workflows/w.yml", """
            on: issue_comment
            permissions: {}
            jobs:
              plan:
                runs-on: ubuntu-latest
                outputs:
                  targets: ${{ steps.t.outputs.list }}
                  count: ${{ steps.c.outputs.n }}
                steps:
                  - id: t
                    run: echo "list=${{ github.event.comment.body }}" >> "$GITHUB_OUTPUT"
                  - id: c
                    run: echo "n=3" >> "$GITHUB_OUTPUT"
              build:
                needs: plan
                runs-on: ubuntu-latest
                strategy:
                  matrix:
                    target: ${{ fromJSON(needs.plan.outputs.targets) }}
                    shard: ${{ fromJSON(needs.plan.outputs.count) }}
                steps:
                  - run: make ${{ matrix.target }}
                  - run: make shard-${{ matrix.shard }}
            """);
        var hits = Injections();
        Assert.Equal([(11, "High"), (22, "High"), (23, "Info")], hits.Select(h => (h.Line, h.Severity)));
    }

    [Fact]
    public void TemplateInjection_ReportsOutputsOfAStepThatIsNotThere_AsLow()
    {
        Write("action.yml", """
            name: a
            description: d
            runs:
              using: composite
              steps:
                - id: known
                  shell: bash
                  run: echo "v=1" >> "$GITHUB_OUTPUT"
                - shell: bash
                  env:
                    MISSING: ${{ steps.elsewhere.outputs.data }}
                    LATER: ${{ steps.after.outputs.data }}
                    KNOWN: ${{ steps.known.outputs.v }}
                  run: |
                    echo ${{ env.MISSING }}
                    echo ${{ env.LATER }}
                    echo ${{ env.KNOWN }} ${{ steps.known.outputs.v }}
                - id: after
                  shell: bash
                  run: echo "data=x" >> "$GITHUB_OUTPUT"
            """);
        var hits = Injections();
        Assert.Equal([(15, "Low"), (16, "Low")], hits.Select(h => (h.Line, h.Severity)));
        Assert.Contains("no earlier step here has the id 'elsewhere'", hits[0].Message, StringComparison.Ordinal);
        Assert.Contains("read the environment variable MISSING in the script instead", hits[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TemplateInjection_AttackerTaintOutranksAWeakerReason()
    {
        Write(".github/workflows/w.yml", """
            on: issues
            permissions: {}
            jobs:
              a:
                runs-on: ubuntu-latest
                strategy:
                  matrix:
                    include:
                      - v: ${{ github.repository_owner }}
                      - v: ${{ github.event.issue.title }}
                steps:
                  - env:
                      MIXED: ${{ steps.gone.outputs.x }}${{ github.event.issue.body }}
                    run: echo ${{ matrix.v }} ${{ env.MIXED }}
            """);
        var hits = Injections();
        Assert.Equal([(14, "High"), (14, "High")], hits.Select(h => (h.Line, h.Severity)));
        Assert.All(hits, h => Assert.DoesNotContain("cannot be checked", h.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void GitLab_LocalIncludes_AreFollowedRecursively_AndReportedInTheirOwnFile()
    {
        Write(".gitlab-ci.yml", "include:\n  - local: /ci/a.yml\n");
        Write("ci/a.yml", "include: '/ci/b.yml'\n");
        Write("ci/b.yml", "deploy:\n  script:\n    - curl -s https://get.example | bash\n");
        Write("ci/unrelated.yml", "deploy:\n  script:\n    - curl -s https://get.example | bash\n");
        var ids = Ids();
        Assert.Contains("ci-curl-pipe-shell@ci/b.yml:3", ids);
        Assert.DoesNotContain(ids, i => i.Contains("unrelated", StringComparison.Ordinal));
    }

    [Fact]
    public void GitLab_IncludeOutsideTheRoot_IsNotRead()
    {
        Write(".gitlab-ci.yml", "include:\n  - local: ../../etc/passwd\n");
        Assert.Empty(Ids());
    }

    [Fact]
    public void TerraformPlan_UsesConfigurationReferences_ForValuesKnownOnlyAfterApply()
    {
        Write("plan.json", """
            {
              "format_version": "1.2",
              "planned_values": { "root_module": { "resources": [
                { "address": "aws_s3_bucket.a", "mode": "managed", "type": "aws_s3_bucket", "name": "a", "values": { "bucket": null } },
                { "address": "aws_s3_bucket_public_access_block.a", "mode": "managed", "type": "aws_s3_bucket_public_access_block", "name": "a",
                  "values": { "bucket": null, "block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": false } }
              ] } },
              "configuration": { "root_module": { "resources": [
                { "address": "aws_s3_bucket_public_access_block.a", "expressions": { "bucket": { "references": ["aws_s3_bucket.a.id", "aws_s3_bucket.a"] } } }
              ] } }
            }
            """);
        var report = new ConfigScanner().Scan(_root, TestContext.Current.CancellationToken);
        var block = Assert.Single(report.Findings, f => f.RuleId == "tf-s3-public-access-block");
        Assert.Contains("restrict_public_buckets not true", block.Message, StringComparison.Ordinal);
        Assert.Equal(5, block.Location!.StartLine);
    }

    [Fact]
    public void Terraform_UnknownValues_NeverFire()
    {
        Write("main.tf", """
            variable "encrypt" { type = bool }
            resource "aws_ebs_volume" "v" {
              availability_zone = "eu-west-1a"
              encrypted         = var.encrypt
            }
            resource "aws_db_instance" "db" {
              storage_encrypted   = local.flags.encrypted
              publicly_accessible = var.encrypt
            }
            locals {
              flags = { encrypted = var.encrypt }
            }
            """);
        Assert.Empty(Ids());
    }

    [Fact]
    public void Terraform_TfvarsOverrideDefaults()
    {
        Write("main.tf", "variable \"public\" {\n  default = false\n}\nresource \"aws_db_instance\" \"db\" {\n  storage_encrypted   = true\n  publicly_accessible = var.public\n}\n");
        Assert.Empty(Ids());
        Write("prod.auto.tfvars", "public = true\n");
        Assert.Contains("tf-rds-public@main.tf:6", Ids());
    }

    [Fact]
    public void Kubernetes_CronJobAndListItems_AreAudited()
    {
        Write("k8s.yaml", """
            apiVersion: v1
            kind: List
            items:
              - apiVersion: batch/v1
                kind: CronJob
                metadata: {name: nightly, namespace: ops}
                spec:
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          containers:
                            - name: c
                              image: busybox
                              securityContext: {privileged: true}
            """);
        var ids = Ids();
        Assert.Contains("k8s-privileged@k8s.yaml:15", ids);
        Assert.DoesNotContain(ids, i => i.StartsWith("k8s-missing-probes", StringComparison.Ordinal));
    }
}
