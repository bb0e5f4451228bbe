# Inputs: the topology's params, and values it leaves to whoever applies it

variable "prod_account_id" {
  type        = string
  description = "id of the production account"
  default     = "111111111111"
}
