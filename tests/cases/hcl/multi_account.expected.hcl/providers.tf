# One provider per account. Regional resources outside the provider's region set `region` (AWS provider 6).

# account `users` (default)
provider "aws" {
  region = "us-east-1"
}

# account `prod`
provider "aws" {
  alias  = "prod"
  region = "us-east-1"

  assume_role {
    role_arn = "arn:aws:iam::${var.prod_account_id}:role/OrganizationAccountAccessRole"
  }
}

# account `sandbox`
provider "aws" {
  alias   = "sandbox"
  region  = "us-east-1"
  profile = "sandbox"
}
