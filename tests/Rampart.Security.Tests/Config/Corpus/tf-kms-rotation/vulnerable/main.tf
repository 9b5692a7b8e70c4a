resource "aws_kms_key" "k" {
  description = "data"
}
