using BenchmarkDotNet.Attributes;
using Rampart.Security.Scanning.Config;

namespace Rampart.Benchmarks.Config;

/// <summary>
/// The misconfiguration scanner over a generated tree of 300 files (100 workflows, 100 Kubernetes
/// manifests, 100 Terraform files in 10 modules), per kind and all together. bench/misconfig.sh
/// measures the whole command on 10,000 files.
/// </summary>
[MemoryDiagnoser]
public class ConfigScanBenchmarks
{
    private string _root = "";

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("rampart-config-bench-").FullName;
        Directory.CreateDirectory(Path.Combine(_root, ".github", "workflows"));
        Directory.CreateDirectory(Path.Combine(_root, "k8s"));
        for (var i = 0; i < 100; i++)
        {
            File.WriteAllText(Path.Combine(_root, ".github", "workflows", $"wf-{i}.yml"), $$$"""
                name: wf-{{{i}}}
                on: [pull_request_target]
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                        with:
                          ref: ${{ github.event.pull_request.head.sha }}
                      - run: echo "${{ github.event.pull_request.title }}" && npm test
                """);
            File.WriteAllText(Path.Combine(_root, "k8s", $"app-{i}.yaml"), $$"""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app-{{i}}, namespace: team-{{i % 5}}}
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          image: registry.example/app:1.{{i}}
                          securityContext: {allowPrivilegeEscalation: false}
                """);
            var module = Path.Combine(_root, "infra", $"m{i / 10}");
            Directory.CreateDirectory(module);
            File.WriteAllText(Path.Combine(module, $"r{i}.tf"), $$"""
                variable "name_{{i}}" { default = "acme-{{i}}" }
                resource "aws_s3_bucket" "b{{i}}" { bucket = "${var.name_{{i}}}" }
                resource "aws_security_group" "sg{{i}}" {
                  ingress {
                    from_port   = 22
                    to_port     = 22
                    protocol    = "tcp"
                    cidr_blocks = ["0.0.0.0/0"]
                  }
                }
                """);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Params("all", "workflow", "kubernetes", "terraform")]
    public string Kind { get; set; } = "all";

    [Benchmark]
    public int Scan()
    {
        var settings = Kind == "all"
            ? ConfigScanSettings.Default
            : new ConfigScanSettings { Kinds = new HashSet<ConfigKind> { ConfigScanSettingsReader.ParseKind(Kind, "bench") } };
        return new ConfigScanner(settings).Scan(_root).Findings.Count;
    }
}
