resource "aws_vpc_security_group_ingress_rule" "all" {
  security_group_id = "sg-1"
  cidr_ipv6         = "::/0"
  ip_protocol       = "-1"
}
