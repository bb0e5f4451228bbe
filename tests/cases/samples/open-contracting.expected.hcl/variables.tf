# Inputs: the topology's params, and values it leaves to whoever applies it

variable "aws_account_id" {
  type        = string
  description = "12-digit id of the Open Contracting AWS account (not given in the seed)"
  default     = "000000000000"
}

variable "notification_email" {
  type        = string
  description = "address subscribed to the SES bounce/complaint SNS topic (seed: 'Enter an email address in *Endpoint*')"
  default     = "notifications@example.org"
}

variable "spf_record" {
  type        = string
  description = "SPF TXT record of open-contracting.org; merge include:amazonses.com into the existing record (seed: 'Add or update the SPF record')"
  default     = "v=spf1 include:amazonses.com ?all"
}

variable "mail_from_domain" {
  type        = string
  description = "custom MAIL FROM subdomain of open-contracting.org (seed: 'Set up MAIL FROM domain', subdomain not named)"
  default     = "bounce.open-contracting.org"
}

variable "smtp_user_name" {
  type        = string
  description = "IAM user name entered when creating the SES SMTP credentials (seed: 'Enter a user name in *IAM User Name:*')"
  default     = "ses-smtp-user"
}

variable "aurora_master_username" {
  type        = string
  description = "master user of the Aurora Serverless cluster (seed: 'Settings: (no changes)')"
  default     = "postgres"
}

variable "aurora_master_password" {
  type        = string
  description = "master password of the Aurora Serverless cluster"
  sensitive   = true
}
