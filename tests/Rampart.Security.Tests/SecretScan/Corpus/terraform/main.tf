provider "aws" {
  region = var.region
}

provider "cloudflare" {
  api_token = var.cloudflare_api_token
}

provider "digitalocean" {
  token = "[[S:digitalocean-pat]]dop_v1_{{h:64}}[[/S]]"
}

resource "aws_db_instance" "orders" {
  identifier        = "orders"
  engine            = "postgres"
  username          = "orders"
  password          = var.db_password
  storage_encrypted = true
  kms_key_id        = "arn:aws:kms:eu-west-1:123456789012:key/{{uuid}}"
}

variable "db_password" {
  type      = string
  sensitive = true
}
