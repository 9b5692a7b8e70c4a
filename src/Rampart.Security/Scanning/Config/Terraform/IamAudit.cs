using System.Text.Json;
using Rampart.Security.Scanning.Config.Terraform.Hcl;

namespace Rampart.Security.Scanning.Config.Terraform;

/// <summary>
/// Allow statements with <c>*</c> actions or resources, in policy JSON (<c>jsonencode</c>, heredocs,
/// plain strings) and in <c>aws_iam_policy_document</c> data sources.
/// </summary>
internal static class IamAudit
{
    private static readonly string[] PolicyResources = ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_s3_bucket_policy", "aws_kms_key"];

    public static void Run(TfModule module, TfHits hits)
    {
        foreach (var type in PolicyResources)
        {
            foreach (var resource in module.OfType(type))
            {
                if (type is "aws_s3_bucket_policy" or "aws_kms_key")
                    continue;
                Policy(resource, resource.Body.Value("policy"), resource.Body.LineOf("policy"), hits);
            }
        }

        foreach (var role in module.OfType("aws_iam_role"))
        {
            foreach (var inline in role.Body.BlocksOf("inline_policy"))
                Policy(role, inline.Value("policy"), inline.LineOf("policy"), hits);
        }

        foreach (var document in module.DataOfType("aws_iam_policy_document"))
        {
            foreach (var statement in document.Body.BlocksOf("statement"))
            {
                if ((statement.Text("effect") ?? "Allow") != "Allow")
                    continue;
                var actions = Strings(statement.Value("actions"));
                var resources = Strings(statement.Value("resources"));
                Report(document, actions, resources, statement.Line, hits);
            }
        }
    }

    private static void Policy(TfResource resource, HclValue? policy, int line, TfHits hits)
    {
        var document = policy switch
        {
            HclEncodedJson json => json.Inner,
            HclString text => Parse(text.Value),
            _ => null,
        };
        if (document is not HclObject root)
            return;
        foreach (var statement in (root.Get("Statement") ?? HclValue.Null).Items().OfType<HclObject>())
        {
            if ((statement.Get("Effect")?.AsText() ?? "Allow") != "Allow")
                continue;
            Report(resource, Strings(statement.Get("Action")), Strings(statement.Get("Resource")), line, hits);
        }
    }

    private static void Report(TfResource resource, List<string> actions, List<string> resources, int line, TfHits hits)
    {
        var problems = new List<string>();
        if (actions.Contains("*"))
            problems.Add("Action \"*\"");
        else if (actions.FirstOrDefault(a => a.EndsWith(":*", StringComparison.Ordinal)) is { } service)
            problems.Add($"Action \"{service}\"");
        if (resources.Contains("*") && actions.Any(a => !IsReadOnly(a)))
            problems.Add("Resource \"*\"");
        if (problems.Count > 0)
        {
            hits.Items.Add((resource.Path, new CheckHit(TerraformChecks.IamWildcard, line, 1, $"{resource.Address}: Allow statement with {string.Join(" and ", problems)}", $"{resource.Address}:{line}")
            {
                Severity = actions.Contains("*") ? Rampart.Core.Findings.Severity.High : Rampart.Core.Findings.Severity.Medium,
            }));
        }
    }

    private static bool IsReadOnly(string action)
    {
        var verb = action.Contains(':', StringComparison.Ordinal) ? action[(action.IndexOf(':', StringComparison.Ordinal) + 1)..] : action;
        return verb.StartsWith("Describe", StringComparison.Ordinal) || verb.StartsWith("List", StringComparison.Ordinal) || verb.StartsWith("Get", StringComparison.Ordinal);
    }

    private static List<string> Strings(HclValue? value) => value is null ? [] : [.. value.Items().Select(v => v.AsText()).OfType<string>()];

    internal static HclValue? Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return FromJson(doc.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static HclValue FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new HclObject(element.EnumerateObject().GroupBy(p => p.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => FromJson(g.Last().Value), StringComparer.Ordinal)),
        JsonValueKind.Array => new HclList([.. element.EnumerateArray().Select(FromJson)]),
        JsonValueKind.String => new HclString(element.GetString()!),
        JsonValueKind.Number => new HclNumber(element.GetDouble()),
        JsonValueKind.True => new HclBool(true),
        JsonValueKind.False => new HclBool(false),
        _ => HclValue.Null,
    };
}
