# Inputs: the topology's params, and values it leaves to whoever applies it

variable "aws_account_id" {
  type        = string
  description = "12-digit id of the AWS account ('you have created an account on AWS')"
  default     = "000000000000"
}

variable "domain" {
  type        = string
  description = "domain registered with Route 53 ('follow the prompts to purchase a domain name'; $12 USD per year for a .com)"
  default     = "example.com"
}

variable "key_pair_name" {
  type        = string
  description = "name of the EC2 key pair created at launch ('create a new key pair, give it a name')"
  default     = "helios"
}

variable "ses_user_name" {
  type        = string
  description = "IAM user with programmatic access to SES ('provide a user name and select Programmatic access')"
  default     = "helios-ses"
}

variable "helios_public_key" {
  type        = string
  description = "OpenSSH public key of key pair `helios` (Terraform imports a key; it cannot download a private key that AWS generates)"
}
