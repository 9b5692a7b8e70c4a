data "aws_iam_policy_document" "p" {
  statement {
    actions   = ["s3:PutObject"]
    resources = ["*"]
  }
}
