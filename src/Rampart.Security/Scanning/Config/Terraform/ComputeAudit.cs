namespace Rampart.Security.Scanning.Config.Terraform;

/// <summary>EBS and RDS encryption, public RDS, IMDSv2, CloudTrail, KMS rotation.</summary>
internal static class ComputeAudit
{
    public static void Run(TfModule module, TfHits hits)
    {
        foreach (var volume in module.OfType("aws_ebs_volume"))
        {
            if (volume.Body.IsNot("encrypted", true) && volume.Body.Value("snapshot_id") is null)
                hits.Add(volume, TerraformChecks.EbsUnencrypted, volume.Body.LineOf("encrypted"), "encrypted is not true");
        }

        foreach (var instance in module.OfType("aws_instance"))
        {
            foreach (var type in (ReadOnlySpan<string>)["root_block_device", "ebs_block_device"])
            {
                foreach (var device in instance.Body.BlocksOf(type))
                {
                    if (device.IsNot("encrypted", true) && !module.OfType("aws_ebs_encryption_by_default").Any(d => !d.Body.IsNot("enabled", true)))
                        hits.Add(instance, TerraformChecks.EbsUnencrypted, device.Line, $"{type} is not encrypted", ":" + type);
                }
            }
        }

        foreach (var type in (ReadOnlySpan<string>)["aws_db_instance", "aws_rds_cluster"])
        {
            foreach (var db in module.OfType(type))
            {
                var replica = db.Body.Value("replicate_source_db") is not null || db.Body.Value("snapshot_identifier") is not null;
                if (!replica && db.Body.IsNot("storage_encrypted", true) && db.Body.Text("engine_mode") != "serverless")
                    hits.Add(db, TerraformChecks.RdsUnencrypted, db.Body.LineOf("storage_encrypted"), "storage_encrypted is not true");
                if (db.Body.IsKnown("publicly_accessible", true))
                    hits.Add(db, TerraformChecks.RdsPublic, db.Body.LineOf("publicly_accessible"), "publicly_accessible = true");
            }
        }

        foreach (var type in (ReadOnlySpan<string>)["aws_instance", "aws_launch_template", "aws_launch_configuration"])
        {
            foreach (var resource in module.OfType(type))
            {
                var options = resource.Body.Block("metadata_options");
                if (options is not null && (options.Text("http_endpoint") == "disabled" || options.Text("http_tokens") == "required"))
                    continue;
                if (options?.Value("http_tokens") is { IsKnown: false })
                    continue;
                if (resource.Body.DynamicBlocks.Contains("metadata_options"))
                    continue;
                hits.Add(resource, TerraformChecks.Imdsv2, options?.Line ?? resource.Body.Line,
                    options is null ? "no metadata_options block, so IMDSv1 is allowed" : $"metadata_options.http_tokens is \"{options.Text("http_tokens") ?? "optional"}\"");
            }
        }

        foreach (var trail in module.OfType("aws_cloudtrail"))
        {
            if (trail.Body.IsNot("is_multi_region_trail", true))
                hits.Add(trail, TerraformChecks.CloudTrailMultiRegion, trail.Body.LineOf("is_multi_region_trail"), "is_multi_region_trail is not true");
            if (trail.Body.IsNot("enable_log_file_validation", true))
                hits.Add(trail, TerraformChecks.CloudTrailValidation, trail.Body.LineOf("enable_log_file_validation"), "enable_log_file_validation is not true");
        }

        foreach (var key in module.OfType("aws_kms_key"))
        {
            var spec = key.Body.Text("customer_master_key_spec") ?? key.Body.Text("key_spec") ?? "SYMMETRIC_DEFAULT";
            if (spec == "SYMMETRIC_DEFAULT" && key.Body.IsNot("enable_key_rotation", true))
                hits.Add(key, TerraformChecks.KmsRotation, key.Body.LineOf("enable_key_rotation"), "enable_key_rotation is not true");
        }
    }
}
