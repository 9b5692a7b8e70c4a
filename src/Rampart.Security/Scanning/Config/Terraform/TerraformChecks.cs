using Rampart.Core.Findings;

namespace Rampart.Security.Scanning.Config.Terraform;

/// <summary>Checks for Terraform (AWS provider), from HCL sources or <c>terraform show -json</c> plans.</summary>
internal static class TerraformChecks
{
    private static ConfigCheck Make(string id, Severity severity, string title, string why, string fix, string reference) =>
        new(id, ConfigKind.Terraform, severity, title, why, fix, reference);

    public static readonly ConfigCheck S3PublicAccessBlock = Make("tf-s3-public-access-block", Severity.Medium,
        "S3 bucket without a full public access block",
        "Without `aws_s3_bucket_public_access_block` (all four settings true) one later ACL or policy change makes the bucket public; most S3 leaks happen this way.",
        "Add `aws_s3_bucket_public_access_block` for the bucket with `block_public_acls`, `block_public_policy`, `ignore_public_acls` and `restrict_public_buckets` all `true`.",
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html");

    public static readonly ConfigCheck S3PublicAcl = Make("tf-s3-public-acl", Severity.High,
        "S3 bucket ACL grants public access",
        "`public-read`, `public-read-write` and `authenticated-read` let anyone (or any AWS account) list and read the objects.",
        "Use `acl = \"private\"` (or no ACL with object ownership `BucketOwnerEnforced`) and share through signed URLs or CloudFront.",
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html");

    public static readonly ConfigCheck S3Encryption = Make("tf-s3-encryption", Severity.Medium,
        "S3 bucket without declared server-side encryption",
        "Without an explicit encryption configuration the bucket relies on account defaults and cannot use a customer-managed KMS key that limits who can decrypt.",
        "Add `aws_s3_bucket_server_side_encryption_configuration` with `sse_algorithm = \"aws:kms\"`.",
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/serv-side-encryption.html");

    public static readonly ConfigCheck S3Versioning = Make("tf-s3-versioning", Severity.Low,
        "S3 bucket versioning not enabled",
        "Without versioning an overwrite or delete (by mistake or by ransomware) cannot be undone.",
        "Add `aws_s3_bucket_versioning` with `versioning_configuration { status = \"Enabled\" }`.",
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html");

    public static readonly ConfigCheck S3Logging = Make("tf-s3-logging", Severity.Low,
        "S3 bucket access logging not enabled",
        "Without access logs there is no record of who read or changed objects after an incident.",
        "Add `aws_s3_bucket_logging` pointing at a separate log bucket.",
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html");

    public static readonly ConfigCheck SgAdminPort = Make("tf-sg-open-admin-port", Severity.Critical,
        "SSH or RDP open to the internet",
        "Port 22 or 3389 open to 0.0.0.0/0 or ::/0 is scanned within minutes of creation and brute-forced around the clock.",
        "Restrict the CIDR to a bastion or VPN range, or use SSM Session Manager instead of open admin ports.",
        "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html");

    public static readonly ConfigCheck SgAllPorts = Make("tf-sg-open-all-ports", Severity.High,
        "All ports open to the internet",
        "An ingress rule for every port (protocol -1 or 0-65535) from 0.0.0.0/0 exposes every service on the instances, including ones never meant to be public.",
        "Open only the ports the service needs, to the narrowest CIDR.",
        "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html");

    public static readonly ConfigCheck EbsUnencrypted = Make("tf-ebs-unencrypted", Severity.High,
        "EBS volume not encrypted",
        "Unencrypted volumes and their snapshots can be read by anyone who obtains a snapshot share or the disk.",
        "Set `encrypted = true` (and `kms_key_id`), or enable EBS encryption by default for the account.",
        "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html");

    public static readonly ConfigCheck RdsUnencrypted = Make("tf-rds-unencrypted", Severity.High,
        "RDS storage not encrypted",
        "Unencrypted database storage, backups and snapshots expose every row to whoever gets a snapshot.",
        "Set `storage_encrypted = true` (encryption cannot be added later without a restore).",
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html");

    public static readonly ConfigCheck RdsPublic = Make("tf-rds-public", Severity.High,
        "RDS instance publicly accessible",
        "`publicly_accessible = true` gives the database a public address; only the security group stands between it and the internet.",
        "Set `publicly_accessible = false` and reach the database from inside the VPC.",
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html");

    public static readonly ConfigCheck Imdsv2 = Make("tf-ec2-imdsv2", Severity.Medium,
        "Instance metadata service v1 allowed",
        "IMDSv1 answers any request from the instance, so one SSRF bug returns the instance role's credentials (the Capital One breach).",
        "Add `metadata_options { http_tokens = \"required\" }`.",
        "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-existing-instances.html");

    public static readonly ConfigCheck IamWildcard = Make("tf-iam-wildcard", Severity.High,
        "IAM policy allows * actions or resources",
        "`Action: \"*\"` or `Resource: \"*\"` in an Allow statement grants far more than the workload needs, and everything AWS adds later.",
        "List the exact actions and resource ARNs the principal needs.",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege");

    public static readonly ConfigCheck CloudTrailMultiRegion = Make("tf-cloudtrail-multi-region", Severity.Medium,
        "CloudTrail trail covers one region only",
        "Attackers work in regions nobody watches; a single-region trail does not record them.",
        "Set `is_multi_region_trail = true`.",
        "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html");

    public static readonly ConfigCheck CloudTrailValidation = Make("tf-cloudtrail-log-validation", Severity.Medium,
        "CloudTrail log file validation disabled",
        "Without digest files an attacker who reaches the log bucket can edit or delete log entries undetected.",
        "Set `enable_log_file_validation = true`.",
        "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html");

    public static readonly ConfigCheck KmsRotation = Make("tf-kms-rotation", Severity.Medium,
        "KMS key rotation disabled",
        "Without rotation one key encrypts data for years; a leaked key material stays useful for all of it.",
        "Set `enable_key_rotation = true` on symmetric keys.",
        "https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html");

    public static readonly ConfigCheck EksPublicEndpoint = Make("tf-eks-public-endpoint", Severity.High,
        "EKS API endpoint public to the internet",
        "The Kubernetes API open to 0.0.0.0/0 exposes the cluster to credential stuffing and to any API server vulnerability.",
        "Set `endpoint_public_access = false` (with `endpoint_private_access = true`) or restrict `public_access_cidrs`.",
        "https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html");

    public static readonly ConfigCheck VpcFlowLogs = Make("tf-vpc-flow-logs", Severity.Medium,
        "VPC without flow logs",
        "Without flow logs there is no record of which addresses talked to which after an intrusion.",
        "Add an `aws_flow_log` with `vpc_id = aws_vpc.<name>.id`.",
        "https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html");

    public static IReadOnlyList<ConfigCheck> All { get; } =
    [
        S3PublicAccessBlock, S3PublicAcl, S3Encryption, S3Versioning, S3Logging, SgAdminPort, SgAllPorts, EbsUnencrypted,
        RdsUnencrypted, RdsPublic, Imdsv2, IamWildcard, CloudTrailMultiRegion, CloudTrailValidation, KmsRotation,
        EksPublicEndpoint, VpcFlowLogs,
    ];
}
