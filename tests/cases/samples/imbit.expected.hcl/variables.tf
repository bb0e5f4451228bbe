# Inputs: the topology's params, and values it leaves to whoever applies it

variable "aws_account_id" {
  type        = string
  description = "12-digit id of the IMBIT AWS account (not given in the seed)"
  default     = "000000000000"
}

variable "icm_domain" {
  type        = string
  description = "custom domain of the BrillianICM application (the seed only names brilliancrm.com and brillianideas.com)"
  default     = "brillianicm.example"
}

variable "icm_www_domain" {
  type        = string
  description = "the 'www' name of icm_domain (seed: 'the domain name and its www subdomain are included in the request')"
  default     = "www.brillianicm.example"
}

variable "quiz_domain" {
  type        = string
  description = "custom domain of the BrillianQuiz application (not named in the seed)"
  default     = "brillianquiz.example"
}

variable "quiz_www_domain" {
  type        = string
  description = "the 'www' name of quiz_domain"
  default     = "www.brillianquiz.example"
}

variable "wordpress_app_name" {
  type        = string
  description = "Elastic Beanstalk application name of the WordPress page (the seed mentions 'the WordPress page' without a name)"
  default     = "wordpress"
}

variable "wordpress_domain" {
  type        = string
  description = "custom domain of the WordPress page (not named in the seed; possibly digital-learning-imbit.com, which the seed calls not correctly set up)"
  default     = "wordpress.example"
}

variable "wordpress_www_domain" {
  type        = string
  description = "the 'www' name of wordpress_domain"
  default     = "www.wordpress.example"
}

variable "docker_solution_stack" {
  type        = string
  description = "Elastic Beanstalk Docker platform (solution stack name) used by every environment"
  default     = "64bit Amazon Linux 2023 vX.Y.Z running Docker"
}

variable "geo_allowed_countries" {
  type        = list(string)
  description = "ISO 3166-1 alpha-2 countries allowed by every distribution (seed: 'restricted to North America and Europe'; the exact list is not in the seed)"
  default = [
    "AG",
    "AI",
    "AW",
    "BB",
    "BL",
    "BM",
    "BQ",
    "BS",
    "BZ",
    "CA",
    "CR",
    "CU",
    "CW",
    "DM",
    "DO",
    "GD",
    "GL",
    "GP",
    "GT",
    "HN",
    "HT",
    "JM",
    "KN",
    "KY",
    "LC",
    "MF",
    "MQ",
    "MS",
    "MX",
    "NI",
    "PA",
    "PM",
    "PR",
    "SV",
    "SX",
    "TC",
    "TT",
    "US",
    "VC",
    "VG",
    "VI",
    "AD",
    "AL",
    "AT",
    "AX",
    "BA",
    "BE",
    "BG",
    "BY",
    "CH",
    "CZ",
    "DE",
    "DK",
    "EE",
    "ES",
    "FI",
    "FO",
    "FR",
    "GB",
    "GG",
    "GI",
    "GR",
    "HR",
    "HU",
    "IE",
    "IM",
    "IS",
    "IT",
    "JE",
    "LI",
    "LT",
    "LU",
    "LV",
    "MC",
    "MD",
    "ME",
    "MK",
    "MT",
    "NL",
    "NO",
    "PL",
    "PT",
    "RO",
    "RS",
    "RU",
    "SE",
    "SI",
    "SJ",
    "SK",
    "SM",
    "UA",
    "VA",
  ]
}

variable "smtp_user_name" {
  type        = string
  description = "name of the IAM 'Mail Sending User' (not given in the seed)"
  default     = "imbit-ses-smtp"
}

variable "github_user_name" {
  type        = string
  description = "name of the IAM 'GitHub Workflow User' (not given in the seed)"
  default     = "imbit-github-workflow"
}

variable "mail_from_domain" {
  type        = string
  description = "custom MAIL FROM subdomain of mail.brillianideas.com"
  default     = "bounce.mail.brillianideas.com"
}

variable "mail_spf" {
  type        = string
  description = "SPF TXT record of mail.brillianideas.com (seed: 'SPF records for sender policy'; value not in the seed)"
  default     = "v=spf1 include:amazonses.com ~all"
}

variable "mail_dmarc" {
  type        = string
  description = "DMARC policy of mail.brillianideas.com (seed: 'DMARC records are set up for this subdomain'; policy not in the seed)"
  default     = "v=DMARC1; p=none;"
}

variable "imbit_ssh_public_key" {
  type        = string
  description = "OpenSSH public key of key pair `IMBIT-SSH` (Terraform imports a key; it cannot download a private key that AWS generates)"
}

variable "workmail_organization_brillianideas_arn" {
  type        = string
  description = "arn of workmail_organization `brillianideas`, which is created by hand (see MANUAL.md)"
}
