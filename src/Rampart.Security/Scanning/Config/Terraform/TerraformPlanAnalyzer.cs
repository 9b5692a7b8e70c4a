using System.Text.Json;
using Rampart.Security.Scanning.Config.Terraform.Hcl;

namespace Rampart.Security.Scanning.Config.Terraform;

/// <summary>
/// Audits <c>terraform show -json</c> output: the planned values of every module, with references
/// from the configuration section standing in for values only known after apply.
/// </summary>
internal sealed class TerraformPlanAnalyzer : IConfigAnalyzer
{
    public bool Handles(ConfigFileType type) => type == ConfigFileType.TerraformPlan;

    public void Analyze(ConfigFile file, ScanEnvironment environment, List<CheckHit> hits)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(file.Text, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new ConfigParseException("invalid JSON: " + e.Message, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1);
        }

        using (doc)
        {
            var source = new SourceText(file.Text);
            var module = new TfModule();
            var references = ConfigurationReferences(doc.RootElement);
            if (doc.RootElement.TryGetProperty("planned_values", out var planned) && planned.TryGetProperty("root_module", out var root))
                AddModule(root, file.RelativePath, source, references, module);
            var found = new TfHits();
            TerraformAudit.Run(module, found);
            hits.AddRange(found.Items.Select(i => i.Hit));
        }
    }

    private static void AddModule(JsonElement element, string path, SourceText source, Dictionary<string, Dictionary<string, string>> references, TfModule module)
    {
        if (element.TryGetProperty("resources", out var resources))
        {
            foreach (var resource in resources.EnumerateArray())
            {
                var address = resource.GetProperty("address").GetString() ?? "";
                var type = resource.GetProperty("type").GetString() ?? "";
                var name = resource.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
                var isData = resource.TryGetProperty("mode", out var mode) && mode.GetString() == "data";
                var line = source.Find($"\"address\":\"{address}\"", 0)?.Line ?? source.Find($"\"address\": \"{address}\"", 0)?.Line ?? 1;
                var body = resource.TryGetProperty("values", out var values) ? Convert(values, line) : new TfObject { Line = line };
                if (references.TryGetValue(ConfigAddress(address), out var refs))
                {
                    foreach (var (attribute, target) in refs)
                    {
                        if (body.Value(attribute) is null or HclNull)
                            body.Attributes[attribute] = (new HclReference(target), line, 1);
                    }
                }

                module.Resources.Add(new TfResource(type, name, body, path, isData));
            }
        }

        if (element.TryGetProperty("child_modules", out var children))
        {
            foreach (var child in children.EnumerateArray())
                AddModule(child, path, source, references, module);
        }
    }

    /// <summary>The configuration address of a planned instance (index keys dropped).</summary>
    private static string ConfigAddress(string address)
    {
        var bracket = address.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? address : address[..bracket];
    }

    private static TfObject Convert(JsonElement values, int line)
    {
        var result = new TfObject { Line = line, Column = 1 };
        foreach (var property in values.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Array && property.Value.GetArrayLength() > 0 && property.Value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Object))
                result.Blocks[property.Name] = [.. property.Value.EnumerateArray().Select(e => Convert(e, line))];
            else
                result.Attributes[property.Name] = (IamAudit.FromJson(property.Value), line, 1);
        }

        return result;
    }

    /// <summary>address → attribute → first reference (<c>aws_s3_bucket.logs</c>) from the root module's configuration.</summary>
    private static Dictionary<string, Dictionary<string, string>> ConfigurationReferences(JsonElement root)
    {
        var result = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        if (!root.TryGetProperty("configuration", out var configuration) || !configuration.TryGetProperty("root_module", out var module)
            || !module.TryGetProperty("resources", out var resources))
            return result;
        foreach (var resource in resources.EnumerateArray())
        {
            if (!resource.TryGetProperty("address", out var address) || !resource.TryGetProperty("expressions", out var expressions) || expressions.ValueKind != JsonValueKind.Object)
                continue;
            var refs = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var expression in expressions.EnumerateObject())
            {
                if (expression.Value.ValueKind == JsonValueKind.Object && expression.Value.TryGetProperty("references", out var list) && list.ValueKind == JsonValueKind.Array
                    && list.EnumerateArray().Select(r => r.GetString()).FirstOrDefault(r => r is not null && r.Split('.').Length >= 2) is { } first)
                    refs[expression.Name] = first;
            }

            result[address.GetString() ?? ""] = refs;
        }

        return result;
    }
}
