using Rampart.Security.Scanning.Config.Terraform.Hcl;

namespace Rampart.Security.Scanning.Config.Terraform;

/// <summary>Security group ingress open to the internet; VPCs without flow logs; public EKS endpoints.</summary>
internal static class NetworkAudit
{
    private static readonly HashSet<string> Anywhere = new(StringComparer.Ordinal) { "0.0.0.0/0", "::/0" };

    public static void Run(TfModule module, TfHits hits)
    {
        foreach (var group in module.OfType("aws_security_group"))
        {
            foreach (var ingress in group.Body.BlocksOf("ingress"))
                Ingress(group, ingress, Cidrs(ingress.Value("cidr_blocks")).Concat(Cidrs(ingress.Value("ipv6_cidr_blocks"))), ingress.Value("protocol"), hits);
        }

        foreach (var rule in module.OfType("aws_security_group_rule"))
        {
            if (rule.Body.Text("type") == "ingress")
                Ingress(rule, rule.Body, Cidrs(rule.Body.Value("cidr_blocks")).Concat(Cidrs(rule.Body.Value("ipv6_cidr_blocks"))), rule.Body.Value("protocol"), hits);
        }

        foreach (var rule in module.OfType("aws_vpc_security_group_ingress_rule"))
            Ingress(rule, rule.Body, Cidrs(rule.Body.Value("cidr_ipv4")).Concat(Cidrs(rule.Body.Value("cidr_ipv6"))), rule.Body.Value("ip_protocol"), hits);

        foreach (var vpc in module.OfType("aws_vpc"))
        {
            if (!module.OfType("aws_flow_log").Any(f => TfModule.Refers(f.Body.Value("vpc_id"), vpc, "id")))
                hits.Add(vpc, TerraformChecks.VpcFlowLogs, vpc.Body.Line, "no aws_flow_log refers to this VPC");
        }

        foreach (var cluster in module.OfType("aws_eks_cluster"))
        {
            var config = cluster.Body.Block("vpc_config");
            if (config is null || config.IsKnown("endpoint_public_access", false))
                continue;
            if (config.Value("endpoint_public_access") is { IsKnown: false } and not HclNull)
                continue;
            var cidrs = config.Value("public_access_cidrs");
            if (cidrs is null || Cidrs(cidrs).Any(Anywhere.Contains))
                hits.Add(cluster, TerraformChecks.EksPublicEndpoint, config.Line, "the API endpoint is public and open to 0.0.0.0/0");
        }
    }

    private static void Ingress(TfResource resource, TfObject rule, IEnumerable<string> cidrs, HclValue? protocol, TfHits hits)
    {
        var open = cidrs.Where(Anywhere.Contains).Distinct(StringComparer.Ordinal).ToList();
        if (open.Count == 0)
            return;
        var from = rule.Value("from_port")?.AsNumber();
        var to = rule.Value("to_port")?.AsNumber();
        var proto = protocol?.AsText()?.ToLowerInvariant();
        var where = string.Join(" and ", open);
        if (proto is "-1" or "all" || (from is { } f && to is { } t && f <= 0 && t >= 65535))
        {
            hits.Add(resource, TerraformChecks.SgAllPorts, rule.Line, $"ingress on every port from {where}", $":{rule.Line}");
            return;
        }

        if (from is null || to is null)
            return;
        foreach (var (port, name) in (ReadOnlySpan<(int, string)>)[(22, "SSH"), (3389, "RDP")])
        {
            if (from <= port && port <= to && proto is not ("udp" or "17" or "icmp" or "1"))
            {
                hits.Add(resource, TerraformChecks.SgAdminPort, rule.Line, $"ingress on port {port} ({name}) from {where}", $":{rule.Line}:{port}");
            }
        }
    }

    private static IEnumerable<string> Cidrs(HclValue? value) =>
        value is null ? [] : value.Items().Select(v => v.AsText()).OfType<string>();
}
