# Inputs: the topology's params, and values it leaves to whoever applies it

variable "aws_account_id" {
  type        = string
  description = "12-digit id of the AWS account created for OSMT ('Create a new AWS account')"
  default     = "000000000000"
}

variable "domain" {
  type        = string
  description = "domain (or subdomain) serving OSMT ('Buy a domain at your registrar of choice'; the seed writes yourdomainname.net)"
  default     = "example.net"
}

variable "domain_wildcard" {
  type        = string
  description = "wildcard alternative name of the certificate ('Add your domain name (and *.yourdomainname.net)'); keep it equal to *.<domain>"
  default     = "*.example.net"
}

variable "registrar" {
  type        = string
  description = "where the domain is registered ('you can use AWS Route53 for easiest setup')"
  default     = "route53"
}

variable "state_key" {
  type        = string
  description = "object key of the Terraform state in the osmt-test bucket (upstream main.tf.tpl: <state_file_s3_object_key>)"
  default     = "osmt/test/terraform.tfstate"
}

variable "app_image" {
  type        = string
  description = "OSMT application image (upstream config: docker_image wguopensource/osmt-app, docker_tag latest); the seed asks how to pick a version/commit"
  default     = "wguopensource/osmt-app:latest"
}

variable "elasticsearch_image" {
  type        = string
  description = "Elasticsearch image (upstream config: docker.elastic.co/elasticsearch/elasticsearch, tag 8.11.3)"
  default     = "docker.elastic.co/elasticsearch/elasticsearch:8.11.3"
}

variable "db_instance_class" {
  type        = string
  description = "RDS MySQL instance class (upstream config rds.instance_class)"
  default     = "db.t3.small"
}

variable "cache_node_type" {
  type        = string
  description = "ElastiCache Redis node type (upstream config elasticache.node_type)"
  default     = "cache.t3.small"
}

variable "db_master_username" {
  type        = string
  description = "RDS master user (upstream secrets template: <mysql_8.0_username>)"
  default     = "osmt_admin"
}

variable "db_master_password" {
  type        = string
  description = "RDS master password (upstream secrets template: <mysql_8.0_password>); also stored in Secrets Manager for the app"
  sensitive   = true
}

variable "db_uri" {
  type        = string
  description = "DB_URI of the app container: <user>:<password>@<RDS endpoint>:3306 (upstream container template)"
  sensitive   = true
}

variable "frontend_url" {
  type        = string
  description = "FRONTEND_URL of the app (upstream secrets template: e.g. https://base_domain.net)"
  default     = "https://example.net"
}

variable "oauth_issuer" {
  type        = string
  description = "OAUTH_ISSUER: the OAuth2/OIDC issuer, e.g. an Okta authorization server"
  default     = "https://example.okta.com/oauth2/default"
}

variable "oauth_client_id" {
  type        = string
  description = "OAUTH_CLIENTID of the OSMT OAuth2 client"
  default     = "osmt-client-id"
}

variable "oauth_audience" {
  type        = string
  description = "OAUTH_AUDIENCE of the OSMT OAuth2 client"
  default     = "api://default"
}

variable "oauth_client_secret" {
  type        = string
  description = "OAUTH_CLIENTSECRET of the OSMT OAuth2 client"
  sensitive   = true
}
