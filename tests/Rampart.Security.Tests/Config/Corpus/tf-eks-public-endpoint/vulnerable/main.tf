resource "aws_eks_cluster" "c" {
  name     = "c"
  role_arn = "arn:aws:iam::1:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1"]
  }
}
