# One provider per account. Regional resources outside the provider's region set `region` (AWS provider 6).
# eu-west-2: backups of the Linode servers in London: the seed says use the closest region for large transfers ('us-west-2 (London)' in the seed, but London is eu-west-2)
# us-east-1: default region (seed: 'Our default region is us-east-1 (N. Virginia)'); SES, SNS, RDS and Aurora live here

# account `open_contracting` (default)
provider "aws" {
  region = "us-east-1"
}
