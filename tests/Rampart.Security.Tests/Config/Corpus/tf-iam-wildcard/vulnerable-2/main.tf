resource "aws_iam_role_policy" "p" {
  role   = "app"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Action": ["s3:*"], "Resource": "arn:aws:s3:::acme-data/*"}]
    }
  EOT
}
