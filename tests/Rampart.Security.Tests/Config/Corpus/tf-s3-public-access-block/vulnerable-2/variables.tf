variable "restrict" {
  type    = bool
  default = false
}
