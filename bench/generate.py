#!/usr/bin/env python3
"""Writes a realistic topology of about N resources to stdout (deterministic for a given N).

The pattern mixes what the five seed organizations run. Each "site" has: a VPC with two AZs of
public and private subnets, an internet gateway, a NAT gateway, route tables, security groups that
reference each other; a bastion instance with a key pair and an Elastic IP; an ALB with listeners
and a target group; a MySQL database with its subnet group; a Redis cache; a versioned bucket with
a lifecycle rule; a CloudFront distribution with a us-east-1 certificate (and a regional one for
the ALB); a Route 53 zone with alias and TXT records; an IAM role for the servers, a deployment
user and a policy that uses string interpolation (every fourth site has a long-lived access key,
so the lint passes have findings to report). Sites are spread over six accounts (each with its
cross-account admin role) and three regions. The file compiles without errors to every target.

Usage: generate.py N > estate.topo
"""
import sys

REGIONS = ["eu-central-1", "eu-west-1", "us-west-2"]
ACCOUNTS = ["prod", "stage", "dev", "shared", "data", "edge"]
PER_SITE = 35  # resources a site adds (the harness counts the real number from the IR)
PER_ACCOUNT = 2  # the account and its admin role


def site(i, j, region, w):
    """Site i, the j-th site of its account and region (j gives it a CIDR range of its own)."""
    n = f"s{i}"
    a, b = (j // 16) % 256, (j % 16) * 16
    w(f'  region "{region}" {{')
    w(f'    vpc {n} {{')
    w(f'      cidr = 10.{a}.{b}.0/20')
    w(f'      subnet {n}_pub_a {{ cidr = 10.{a}.{b}.0/24  az = "a" public = true }}')
    w(f'      subnet {n}_pub_b {{ cidr = 10.{a}.{b + 1}.0/24 az = "b" public = true }}')
    w(f'      subnet {n}_app_a {{ cidr = 10.{a}.{b + 2}.0/24 az = "a" }}')
    w(f'      subnet {n}_app_b {{ cidr = 10.{a}.{b + 3}.0/24 az = "b" }}')
    w(f'      internet_gateway {n}_igw {{ }}')
    w(f'      nat_gateway {n}_nat {{ subnet = subnet.{n}_pub_a }}')
    w(f'      route_table {n}_public {{')
    w(f'        subnets = [subnet.{n}_pub_a, subnet.{n}_pub_b]')
    w(f'        route {{ destination = 0.0.0.0/0 gateway = internet_gateway.{n}_igw }}')
    w(f'      }}')
    w(f'      route_table {n}_private {{')
    w(f'        subnets = [subnet.{n}_app_a, subnet.{n}_app_b]')
    w(f'        route {{ destination = 0.0.0.0/0 nat_gateway = nat_gateway.{n}_nat }}')
    w(f'      }}')
    w(f'      security_group {n}_lb {{')
    w(f'        description = "load balancer of site {i}"')
    w(f'        allow tcp 80, 443 from "0.0.0.0/0" "web"')
    w(f'      }}')
    w(f'      security_group {n}_app {{')
    w(f'        description = "servers of site {i}"')
    w(f'        allow tcp 80 from security_group.{n}_lb')
    w(f'        allow tcp 22 from security_group.{n}_bastion "ssh from the bastion"')
    w(f'      }}')
    w(f'      security_group {n}_bastion {{')
    w(f'        description = "bastion of site {i}"')
    w(f'        allow tcp 22 from 192.0.2.0/24 "ops"')
    w(f'      }}')
    w(f'      security_group {n}_db {{')
    w(f'        description = "database and cache of site {i}"')
    w(f'        allow tcp 3306, 6379 from security_group.{n}_app')
    w(f'      }}')
    w(f'      target_group {n}_web {{ port = 80 protocol = "HTTP" }}')
    w(f'    }}')
    w(f'    key_pair {n} {{ key_name = "site{i}" }}')
    w(f'    instance {n}_bastion {{')
    w(f'      ami = "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"')
    w(f'      instance_type = "t3.micro" key_pair = key_pair.{n} subnet = subnet.{n}_pub_a')
    w(f'      security_groups = [security_group.{n}_bastion]')
    w(f'      root_volume {{ size = 8 encrypted = true }}')
    w(f'      elastic_ip {n}_bastion {{}}')
    w(f'    }}')
    w(f'    certificate {n}_lb {{ domain = "site{i}.example.com" zone = dns_zone.{n} }}')
    w(f'    load_balancer {n} {{')
    w(f'      subnets = [subnet.{n}_pub_a, subnet.{n}_pub_b]')
    w(f'      security_groups = [security_group.{n}_lb]')
    w(f'      listener {n}_http {{ port = 80 protocol = "HTTP" redirect_to_https = true }}')
    w(f'      listener {n}_https {{ port = 443 protocol = "HTTPS" certificate = certificate.{n}_lb default_target = target_group.{n}_web }}')
    w(f'    }}')
    w(f'    db_subnet_group {n} {{ subnets = [subnet.{n}_app_a, subnet.{n}_app_b] }}')
    w(f'    db_instance {n} {{')
    w(f'      engine = "mysql" instance_class = "db.t3.micro" allocated_storage = 20')
    w(f'      subnet_group = db_subnet_group.{n} security_groups = [security_group.{n}_db]')
    w(f'      username = "admin" password = param.db_password multi_az = true storage_encrypted = true')
    w(f'      deletion_protection = true')
    w(f'    }}')
    w(f'    cache_cluster {n} {{ engine = "redis" node_type = "cache.t3.micro" security_groups = [security_group.{n}_db] subnets = [subnet.{n}_app_a, subnet.{n}_app_b] }}')
    w(f'    bucket {n}_assets {{')
    w(f'      versioning = true')
    w(f'      lifecycle_rule old_versions {{ noncurrent_transition_days = 30 noncurrent_storage_class = "STANDARD_IA" noncurrent_expiration_days = 365 }}')
    w(f'    }}')
    w(f'  }}')
    w(f'  region "us-east-1" {{')
    w(f'    certificate {n}_cdn {{ domain = "cdn{i}.example.com" zone = dns_zone.{n} }}')
    w(f'  }}')
    w(f'  distribution {n} {{')
    w(f'    aliases = ["cdn{i}.example.com"]')
    w(f'    certificate = certificate.{n}_cdn')
    w(f'    origin assets {{ target = bucket.{n}_assets }}')
    w(f'    origin app {{ target = load_balancer.{n} protocol_policy = "https-only" }}')
    w(f'    behavior {{ origin = "assets" viewer_protocol_policy = "redirect-to-https" }}')
    w(f'    behavior api {{ path_pattern = "/api/*" origin = "app" viewer_protocol_policy = "https-only" }}')
    w(f'  }}')
    w(f'  dns_zone {n} {{')
    w(f'    domain = "site{i}.example.com"')
    w(f'    dns_record {n}_www {{ name = "www" type = "A" alias = load_balancer.{n} }}')
    w(f'    dns_record {n}_cdn {{ name = "cdn{i}" type = "A" alias = distribution.{n} }}')
    w(f'    dns_record {n}_bastion {{ name = "bastion" type = "A" records = [elastic_ip.{n}_bastion.public_ip] }}')
    w(f'    dns_record {n}_txt {{ name = "" type = "TXT" records = ["v=spf1 include:amazonses.com ~all"] }}')
    w(f'  }}')
    w(f'  iam_role {n}_server {{')
    w(f'    description = "servers of site {i}"')
    w(f'    trusted_services = ["ec2.amazonaws.com"]')
    w(f'    policies = [iam_policy.{n}_deploy]')
    w(f'  }}')
    w(f'  iam_user {n}_deploy {{')
    if i % 4 == 0:
        w(f'    iam_access_key {n}_deploy {{ }}')
    w(f'  }}')
    w(f'  iam_policy {n}_deploy {{')
    w(f'    statement {{ effect = "Allow" actions = ["s3:PutObject", "s3:GetObject"] resources = ["${{bucket.{n}_assets.arn}}/*"] }}')
    w(f'  }}')


def main():
    target = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    sites = max(1, round((target - 2 - PER_ACCOUNT * len(ACCOUNTS)) / PER_SITE))
    out = ['# generated by bench/generate.py; do not edit',
           'organization bench { default_region = "eu-central-1" }',
           'param db_password : secret']
    w = out.append
    for k, account in enumerate(ACCOUNTS):
        w(f'account {account} {{')
        w(f'  id = "{100000000000 + k:012d}"')
        w(f'  role = "OrganizationAccountAccessRole"')
        if k == 0:
            w('  default = true')
        w(f'  iam_role admin_{account} {{')
        w(f'    description = "administrators of {account} from the shared account"')
        w(f'    trusted_accounts = [account.shared]')
        w(f'    managed_policies = ["ReadOnlyAccess"]')
        w('  }')
        # Sites are dealt out to the accounts in turn; within an account, to the regions in turn.
        mine = [i for i in range(sites) if i % len(ACCOUNTS) == k]
        for j, i in enumerate(mine):
            region = REGIONS[j % len(REGIONS)]
            site(i, j // len(REGIONS), region, w)
        w('}')
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
