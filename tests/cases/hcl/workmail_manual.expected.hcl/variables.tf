# Inputs: the topology's params, and values it leaves to whoever applies it

variable "workmail_organization_acme_arn" {
  type        = string
  description = "arn of workmail_organization `acme`, which is created by hand (see MANUAL.md)"
}
