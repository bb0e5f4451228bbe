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
    bucket = "osmt-test"
    # `key` is the default of var.state_key (a backend cannot read variables)
    key            = "osmt/test/terraform.tfstate"
    region         = "us-west-2"
    encrypt        = true
    dynamodb_table = "osmt-test"
    profile        = "osmt"
  }
}
