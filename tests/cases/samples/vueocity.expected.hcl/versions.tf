# Terraform and provider versions, and where the state is stored

terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }

  backend "s3" {
    # `name` of bucket `tool_state` is the default of var.tool_state_bucket_name (a backend cannot read variables)
    bucket  = "vueocity-tool-state"
    key     = "vueocity/terraform.tfstate"
    region  = "us-east-1"
    encrypt = true
    # the account id of `vueops` is the default of var.vueops_account_id (a backend cannot read variables)

    assume_role {
      role_arn = "arn:aws:iam::000000000004:role/VueAdmin"
    }
  }
}
