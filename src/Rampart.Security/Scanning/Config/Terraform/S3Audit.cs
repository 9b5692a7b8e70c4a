using Rampart.Security.Scanning.Config.Terraform.Hcl;

namespace Rampart.Security.Scanning.Config.Terraform;

/// <summary>S3 buckets: public access block, public ACLs, encryption, versioning, access logging.</summary>
internal static class S3Audit
{
    private static readonly HashSet<string> PublicAcls = new(StringComparer.Ordinal) { "public-read", "public-read-write", "authenticated-read", "website" };
    private static readonly string[] BlockSettings = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"];

    public static void Run(TfModule module, TfHits hits)
    {
        foreach (var acl in module.OfType("aws_s3_bucket_acl"))
            PublicAcl(acl, acl.Body, hits);
        foreach (var bucket in module.OfType("aws_s3_bucket"))
        {
            var body = bucket.Body;
            PublicAcl(bucket, body, hits);
            var companions = (string type) => module.OfType(type).Where(c => TfModule.Refers(c.Body.Value("bucket"), bucket, "bucket")).ToList();

            var blocks = companions("aws_s3_bucket_public_access_block");
            if (blocks.Count == 0)
            {
                hits.Add(bucket, TerraformChecks.S3PublicAccessBlock, body.Line, "no aws_s3_bucket_public_access_block refers to this bucket");
            }
            else
            {
                foreach (var block in blocks)
                {
                    var off = BlockSettings.Where(s => block.Body.IsNot(s, true)).ToList();
                    if (off.Count > 0)
                        hits.Add(block, TerraformChecks.S3PublicAccessBlock, block.Body.LineOf(off[0]), $"{string.Join(", ", off)} not true for bucket {bucket.Address}");
                }
            }

            if (!body.MayHaveBlock("server_side_encryption_configuration") && companions("aws_s3_bucket_server_side_encryption_configuration").Count == 0)
                hits.Add(bucket, TerraformChecks.S3Encryption, body.Line, "no server-side encryption configuration");

            var versioned = body.Block("versioning") is { } legacy ? !legacy.IsNot("enabled", true) : body.MayHaveBlock("versioning");
            foreach (var v in companions("aws_s3_bucket_versioning"))
            {
                var status = v.Body.Block("versioning_configuration")?.Value("status");
                versioned |= status is null || !status.IsKnown || status.AsText() == "Enabled";
            }

            if (!versioned)
                hits.Add(bucket, TerraformChecks.S3Versioning, body.Line, "versioning is not enabled");
            if (!body.MayHaveBlock("logging") && companions("aws_s3_bucket_logging").Count == 0 && !IsLogTarget(module, bucket))
                hits.Add(bucket, TerraformChecks.S3Logging, body.Line, "access logging is not enabled");
        }
    }

    private static void PublicAcl(TfResource resource, TfObject body, TfHits hits)
    {
        if (body.Text("acl") is { } acl && PublicAcls.Contains(acl))
            hits.Add(resource, TerraformChecks.S3PublicAcl, body.LineOf("acl"), $"acl = \"{acl}\"", ":acl");
        foreach (var grant in body.BlocksOf("access_control_policy").SelectMany(p => p.BlocksOf("grant")))
        {
            var uri = grant.Block("grantee")?.Text("uri") ?? "";
            if (uri.EndsWith("/global/AllUsers", StringComparison.Ordinal) || uri.EndsWith("/global/AuthenticatedUsers", StringComparison.Ordinal))
                hits.Add(resource, TerraformChecks.S3PublicAcl, grant.Line, $"grant to {uri}", ":grant");
        }
    }

    /// <summary>A bucket that receives other buckets' access logs needs no log bucket of its own.</summary>
    private static bool IsLogTarget(TfModule module, TfResource bucket) =>
        module.OfType("aws_s3_bucket_logging").Any(l => TfModule.Refers(l.Body.Value("target_bucket"), bucket, "bucket"))
        || module.OfType("aws_s3_bucket").Any(b => b.Body.BlocksOf("logging").Any(l => TfModule.Refers(l.Value("target_bucket"), bucket, "bucket")));

    internal static bool IsTrue(HclValue? value) => value?.AsBool() == true;
}
