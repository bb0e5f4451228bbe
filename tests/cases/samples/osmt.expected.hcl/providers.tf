# One provider per account. Regional resources outside the provider's region set `region` (AWS provider 6).
# us-west-2: implementer's choice (seed: 'Choose AWS region and AZs'); the upstream README's example region, with AZs us-west-2a and us-west-2b

# account `osmt` (default)
provider "aws" {
  region  = "us-west-2"
  profile = "osmt"

  default_tags {
    tags = {
      TerraformModule = "OSMT"
    }
  }
}
