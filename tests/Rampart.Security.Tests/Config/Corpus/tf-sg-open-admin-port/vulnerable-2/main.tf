variable "admin_cidr" {
  default = "0.0.0.0/0"
}
resource "aws_security_group_rule" "rdp" {
  type              = "ingress"
  from_port         = 3389
  to_port           = 3389
  protocol          = "tcp"
  cidr_blocks       = [var.admin_cidr]
  security_group_id = "sg-123"
}
