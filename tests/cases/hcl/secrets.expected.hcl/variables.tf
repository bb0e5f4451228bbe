# Inputs: the topology's params, and values it leaves to whoever applies it

variable "db_password" {
  type        = string
  description = "master password of the database"
  sensitive   = true
}

variable "api_token" {
  type        = string
  description = "token the application reads from Secrets Manager"
  sensitive   = true
}

variable "db_user" {
  type        = string
  description = "master user name"
  default     = "app"
}
