# One provider per account. Regional resources outside the provider's region set `region` (AWS provider 6).

provider "aws" {
  region = "eu-west-1"
}
