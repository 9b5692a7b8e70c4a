resource "aws_eks_cluster" "c" {
  name     = "c"
  role_arn = "arn:aws:iam::1:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1"]
    public_access_cidrs = ["203.0.113.0/24"]
  }
}
