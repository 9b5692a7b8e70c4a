using Rampart.Security.Scanning.Config.Terraform.Hcl;

namespace Rampart.Security.Scanning.Config.Terraform;

/// <summary>
/// Turns the parsed .tf files of one folder into a <see cref="TfModule"/>: variables (defaults, then
/// <c>terraform.tfvars</c> and <c>*.auto.tfvars</c> overrides), locals, and resource bodies with values evaluated.
/// </summary>
internal static class HclModuleReader
{
    public static TfModule Read(IReadOnlyList<(string Path, HclBody Body)> files, IReadOnlyList<HclBody> tfvars)
    {
        var variables = new Dictionary<string, HclValue>(StringComparer.Ordinal);
        var locals = new Dictionary<string, HclExpr>(StringComparer.Ordinal);
        foreach (var (_, body) in files)
        {
            foreach (var block in body.BlocksOf("variable").Where(b => b.Labels.Count == 1))
            {
                if (block.Body.Attribute("default") is { } d)
                    variables[block.Labels[0]] = HclEvaluator.Empty.Evaluate(d.Value);
            }

            foreach (var block in body.BlocksOf("locals"))
            {
                foreach (var attribute in block.Body.Attributes)
                    locals[attribute.Name] = attribute.Value;
            }
        }

        foreach (var vars in tfvars)
        {
            foreach (var attribute in vars.Attributes)
                variables[attribute.Name] = HclEvaluator.Empty.Evaluate(attribute.Value);
        }

        var evaluator = new HclEvaluator(variables, locals);
        var module = new TfModule();
        foreach (var (path, body) in files)
        {
            foreach (var block in body.Blocks)
            {
                if (block.Type is "resource" or "data" && block.Labels.Count == 2)
                    module.Resources.Add(new TfResource(block.Labels[0], block.Labels[1], Convert(block.Body, evaluator, block.Line, block.Column), path, block.Type == "data"));
            }
        }

        return module;
    }

    private static TfObject Convert(HclBody body, HclEvaluator evaluator, int line, int column)
    {
        var result = new TfObject { Line = line, Column = column };
        foreach (var attribute in body.Attributes)
            result.Attributes[attribute.Name] = (evaluator.Evaluate(attribute.Value), attribute.Line, attribute.Column);
        foreach (var block in body.Blocks)
        {
            if (block.Type == "dynamic" && block.Labels.Count == 1)
            {
                result.DynamicBlocks.Add(block.Labels[0]);
                continue;
            }

            if (!result.Blocks.TryGetValue(block.Type, out var list))
                result.Blocks[block.Type] = list = [];
            list.Add(Convert(block.Body, evaluator, block.Line, block.Column));
        }

        return result;
    }
}
