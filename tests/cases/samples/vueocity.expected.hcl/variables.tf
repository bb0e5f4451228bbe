# Inputs: the topology's params, and values it leaves to whoever applies it

variable "vueorg_account_id" {
  type        = string
  description = "account id of vueorg (root/management account)"
  default     = "000000000001"
}

variable "vueusers_account_id" {
  type        = string
  description = "account id of vueusers (IAM users, groups and STS policies)"
  default     = "000000000002"
}

variable "vueback_account_id" {
  type        = string
  description = "account id of vueback (backups)"
  default     = "000000000003"
}

variable "vueops_account_id" {
  type        = string
  description = "account id of vueops (shared tool state, SSH entry)"
  default     = "000000000004"
}

variable "vueprod_account_id" {
  type        = string
  description = "account id of vueprod (production, the MPF stack)"
  default     = "000000000005"
}

variable "vuedev_account_id" {
  type        = string
  description = "account id of vuedev (dev sandbox)"
  default     = "000000000006"
}

variable "vuetest_account_id" {
  type        = string
  description = "account id of vuetest (test sandbox)"
  default     = "000000000007"
}

variable "domain" {
  type        = string
  description = "main domain of the MPF stack (Route 53 zone, ELB certificate, SES domain); not named in the seed"
  default     = "vueocity.example"
}

variable "cloudfront_wildcard_domain" {
  type        = string
  description = "wildcard name of the CloudFront certificate (seed: 'Load the wildcard certificate to use with distribution')"
  default     = "*.vueocity.example"
}

variable "public_cdn_host" {
  type        = string
  description = "friendly DNS name of the PUBLIC distribution (seed: 'Add friendly DNS CF name that the R53 name maps to')"
  default     = "public.vueocity.example"
}

variable "protected_cdn_host" {
  type        = string
  description = "friendly DNS name of the PROTECTED distribution"
  default     = "protected.vueocity.example"
}

variable "dev_subdomain" {
  type        = string
  description = "subdomain of the dev server's Elastic IP (seed: 'associating dev subdomain names with specific dev servers')"
  default     = "dev1"
}

variable "cors_origin" {
  type        = string
  description = "browser origin allowed to upload directly to S3 (seed: 'CORS access for direct upload')"
  default     = "https://vueocity.example"
}

variable "devops_cidrs" {
  type        = list(string)
  description = "DevOps IP ranges allowed to SSH into servers (seed: '22 -- from DevOps IPs that can deploy')"
  default     = ["198.51.100.0/24"]
}

variable "vpc_cidr" {
  type        = string
  description = "VPC range (not in the seed)"
  default     = "10.0.0.0/16"
}

variable "subnet_a_cidr" {
  type        = string
  description = "public subnet in AZ a (not in the seed)"
  default     = "10.0.0.0/20"
}

variable "subnet_b_cidr" {
  type        = string
  description = "public subnet in AZ b (not in the seed)"
  default     = "10.0.16.0/20"
}

variable "key_pair_name" {
  type        = string
  description = "EC2 key pair name; its private key must be at .secrets/vueocity/<keyname>.pem"
  default     = "vueocity-mpf"
}

variable "server_ami" {
  type        = string
  description = "MPF server AMI built as described in AmiSetup.txt (not part of the seed)"
  default     = "ami-00000000000000000"
}

variable "server_instance_type" {
  type        = string
  description = "instance type of MPF servers (not in the seed)"
  default     = "t3.small"
}

variable "server_user_data" {
  type        = string
  description = "cloud-init startup script in the launch template's User Data (seed: 'the cloud-init startup script in User Data'; content not in the seed)"
  default     = "#cloud-config"
}

variable "asg_min_size" {
  type        = number
  description = "minimum servers per profile group (not in the seed)"
  default     = 1
}

variable "asg_max_size" {
  type        = number
  description = "maximum servers per profile group (not in the seed)"
  default     = 2
}

variable "on_demand_percentage" {
  type        = number
  description = "percent on-demand above the base instance; lower it to mix in spot servers (seed: 'mixing normal/spot servers')"
  default     = 100
}

variable "boh_path_pattern" {
  type        = string
  description = "requests sent to the BOH target group (the seed does not say which traffic goes to BOH)"
  default     = "/boh/*"
}

variable "ft_path_pattern" {
  type        = string
  description = "requests sent to the FT target group (the seed does not say which traffic goes to FT)"
  default     = "/ft/*"
}

variable "db_instance_class" {
  type        = string
  description = "RDS MySQL instance class (not in the seed)"
  default     = "db.t3.small"
}

variable "db_parameter_family" {
  type        = string
  description = "DB parameter group family (MySQL version not in the seed)"
  default     = "mysql8.0"
}

variable "db_username" {
  type        = string
  description = "RDS master user name (not in the seed)"
  default     = "mpf"
}

variable "db_password" {
  type        = string
  description = "RDS master password"
  sensitive   = true
}

variable "db_max_connections" {
  type        = string
  description = "max_connections (seed: 'Can boost max_connections to better match the max number of uWSGI processes')"
  default     = "150"
}

variable "cache_node_type" {
  type        = string
  description = "ElastiCache Redis node type (not in the seed)"
  default     = "cache.t3.small"
}

variable "protected_bucket_name" {
  type        = string
  description = "name of the protected S3 bucket"
  default     = "vueocity-protected"
}

variable "public_bucket_name" {
  type        = string
  description = "name of the public S3 bucket (also holds _static/mpf-root)"
  default     = "vueocity-public"
}

variable "public_protected_bucket_name" {
  type        = string
  description = "name of the public-protected S3 bucket"
  default     = "vueocity-public-protected"
}

variable "cloudfront_logs_bucket_name" {
  type        = string
  description = "name of the separate CloudFront log bucket"
  default     = "vueocity-cloudfront-logs"
}

variable "tool_state_bucket_name" {
  type        = string
  description = "name of the Terraform state bucket in vueops"
  default     = "vueocity-tool-state"
}

variable "old_version_transition_days" {
  type        = number
  description = "days before old object versions move to cheaper storage (seed: 'transition old versions into lower cost storage'; number not given)"
  default     = 30
}

variable "old_version_expiration_days" {
  type        = number
  description = "days before old object versions are permanently deleted (seed: 'eventually permanently delete them'; number not given)"
  default     = 365
}

variable "error_page_path" {
  type        = string
  description = "error page under the mpf-root behavior (seed: 'For file use mpf-root path in behavior to public S3 origin'; file name not given)"
  default     = "/mpf-root/404.html"
}

variable "session_cookie_name" {
  type        = string
  description = "MPF session_cookie_name forwarded by PROTECTED behaviors (seed: 'e.g. vueocity*session')"
  default     = "vueocity*session"
}

variable "cloudfront_public_key" {
  type        = string
  description = "PEM public key of the CloudFront signed-URL key pair"
  default     = "-----BEGIN PUBLIC KEY-----\nREPLACE-ME\n-----END PUBLIC KEY-----"
}

variable "cloudfront_private_key" {
  type        = string
  description = "PEM private key that signs CloudFront URLs (seed: 'Cloudfront for signed URLs (stored in AWS Secrets and Root)')"
  sensitive   = true
}

variable "smtp_user_name" {
  type        = string
  description = "IAM user of the SES SMTP credentials (seed: 'DON'T CHANGE THE USER NAME, AS IT WILL REMOVE SENDING PRIVILEGES')"
  default     = "vueocity-ses-smtp"
}

variable "notification_email" {
  type        = string
  description = "address subscribed to SES delivery/bounce notifications (seed: 'can be setup via AWS GUI in SNS')"
  default     = "ops@vueocity.example"
}

variable "mpf_public_key" {
  type        = string
  description = "OpenSSH public key of key pair `mpf` (Terraform imports a key; it cannot download a private key that AWS generates)"
}
