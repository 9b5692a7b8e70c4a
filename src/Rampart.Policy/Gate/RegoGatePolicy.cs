using System.Reflection;
using System.Text.Json.Nodes;
using Rampart.Core.Policy;
using Rampart.Policy.Values;

namespace Rampart.Policy.Gate;

/// <summary>
/// The gate as a policy. Two layers are compiled separately so a repository cannot change the
/// organisation's rules (not even by defining rules or data the organisation's rules read):
/// the organisation layer (Rampart's default gate policy plus the organisation folder) and the
/// repository layer (<c>.rampart/policy/</c>). Each layer's <c>data.rampart.gate.deny</c> messages
/// fail the gate; a layer that defines <c>data.rampart.gate.allow</c> also fails it unless allow is
/// true. Errors fail closed.
/// </summary>
public sealed class RegoGatePolicy : IPolicyEvaluator
{
    public const string DenyQuery = "data.rampart.gate.deny";
    public const string AllowQuery = "data.rampart.gate.allow";

    private readonly IReadOnlyList<GateLayer> layers;

    private RegoGatePolicy(IReadOnlyList<GateLayer> layers) => this.layers = layers;

    /// <summary>The Rego source of the default gate policy that ships with Rampart.</summary>
    public static string DefaultPolicySource { get; } = ReadDefault();

    /// <summary>
    /// Compiles the layers. <paramref name="organisationFolder"/> and <paramref name="repositoryFolder"/>
    /// may be null or missing. Throws <see cref="RegoException"/> (file:line:col) or <see cref="PolicyLoadException"/>.
    /// </summary>
    public static RegoGatePolicy Load(string? organisationFolder, string? repositoryFolder, bool includeDefault = true)
    {
        var result = new List<GateLayer>();
        var orgModules = new List<RegoModuleSource>();
        Value orgData = ObjectValue.Empty;
        if (includeDefault)
            orgModules.Add(new RegoModuleSource("rampart:default-gate.rego", DefaultPolicySource));
        if (organisationFolder is not null && Directory.Exists(organisationFolder))
        {
            var org = PolicyFolder.Load(organisationFolder, displayRoot: organisationFolder);
            orgModules.AddRange(org.Modules.Select(m => m with { File = "org:" + m.File }));
            orgData = org.Data;
        }

        if (orgModules.Count > 0)
            result.Add(Layer("organisation", orgModules, orgData));
        if (repositoryFolder is not null && Directory.Exists(repositoryFolder))
        {
            var repo = PolicyFolder.Load(repositoryFolder, displayRoot: repositoryFolder);
            if (repo.Modules.Count > 0)
                result.Add(Layer("repository", repo.Modules.Select(m => m with { File = "repo:" + m.File }).ToList(), repo.Data));
        }

        return new RegoGatePolicy(result);
    }

    private static GateLayer Layer(string name, List<RegoModuleSource> modules, Value data)
    {
        var policy = RegoPolicy.Compile(modules);
        var definesAllow = policy.DefinesRule(["rampart", "gate", "allow"]);
        return new GateLayer(name, policy.Prepare(DenyQuery), definesAllow ? policy.Prepare(AllowQuery) : null, data);
    }

    public Task<PolicyDecision> EvaluateAsync(JsonObject evidence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Evaluate(ValueJson.FromNode(evidence)));
    }

    /// <summary>The decision for an evidence document already in Rego form (the benchmarks' hot path).</summary>
    public PolicyDecision Evaluate(Value input)
    {
        var reasons = new List<string>();
        foreach (var layer in layers)
        {
            try
            {
                var options = new RegoQueryOptions { Input = input, Data = layer.Data };
                switch (layer.Deny.Evaluate(options))
                {
                    case SetValue set:
                        reasons.AddRange(set.Sorted.Select(m => m is StringValue s ? s.Value : ValueJson.Serialize(m)));
                        break;
                    case null:
                        break;
                    case var other:
                        reasons.Add($"{layer.Name} policy: deny must be a set of messages, got {other.TypeName}");
                        break;
                }

                if (layer.Allow is not null && layer.Allow.Evaluate(options) is not BooleanValue { Value: true })
                    reasons.Add($"{layer.Name} policy: allow is not true");
            }
            catch (RegoException e)
            {
                reasons.Add($"{layer.Name} policy error: {e.Message}");
            }
        }

        return reasons.Count == 0 ? PolicyDecision.Pass : new PolicyDecision(false, reasons.Distinct(StringComparer.Ordinal).ToList());
    }

    private static string ReadDefault()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Rampart.Policy.default-gate.rego")
            ?? throw new InvalidOperationException("default gate policy resource missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
