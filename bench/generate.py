#!/usr/bin/env python3
"""Writes a realistic topology of about N resources to stdout (deterministic for a given N).

The pattern mixes what the five seed organizations run: per "site" a VPC with two AZs of public
and private subnets, gateways, routes, security groups that reference each other, an ALB with
listeners and target groups, a MySQL database, a Redis cache, versioned buckets with lifecycle
rules, a CloudFront distribution with a us-east-1 certificate, a Route 53 zone with records, an
SES domain, and IAM users, roles and policies. Sites are spread over three accounts and three
regions. Usage: generate.py N > estate.topo
"""
import sys

REGIONS = ["eu-central-1", "eu-west-1", "us-west-2"]
ACCOUNTS = ["prod", "stage", "shared"]


def site(i, out):
    region = REGIONS[i % len(REGIONS)]
    account = ACCOUNTS[(i // len(REGIONS)) % len(ACCOUNTS)]
    b = (i % 250)
    n = f"s{i}"
    w = out.append
    w(f'account {account}_{i // 9} {{ id = "{100000000000 + i // 9:012d}" role = "OrganizationAccountAccessRole" }}' if i % 9 == 0 and i > 0 else "")
    w(f'region "{region}" {{')
    w(f'  vpc {n} {{')
    w(f'    cidr = 10.{b}.0.0/16')
    w(f'    subnet {n}_pub_a {{ cidr = 10.{b}.0.0/20  az = "a" public = true }}')
    w(f'    subnet {n}_pub_b {{ cidr = 10.{b}.16.0/20 az = "b" public = true }}')
    w(f'    subnet {n}_app_a {{ cidr = 10.{b}.32.0/20 az = "a" }}')
    w(f'    subnet {n}_app_b {{ cidr = 10.{b}.48.0/20 az = "b" }}')
    w(f'    internet_gateway {n}_igw {{ }}')
    w(f'    nat_gateway {n}_nat {{ subnet = subnet.{n}_pub_a }}')
    w(f'    route_table {n}_public {{')
    w(f'      subnets = [subnet.{n}_pub_a, subnet.{n}_pub_b]')
    w(f'      route {{ destination = 0.0.0.0/0 gateway = internet_gateway.{n}_igw }}')
    w(f'    }}')
    w(f'    route_table {n}_private {{')
    w(f'      subnets = [subnet.{n}_app_a, subnet.{n}_app_b]')
    w(f'      route {{ destination = 0.0.0.0/0 nat_gateway = nat_gateway.{n}_nat }}')
    w(f'    }}')
    w(f'    security_group {n}_lb {{')
    w(f'      description = "load balancer of site {i}"')
    w(f'      allow tcp 80, 443 from "0.0.0.0/0" "web"')
    w(f'    }}')
    w(f'    security_group {n}_app {{')
    w(f'      description = "servers of site {i}"')
    w(f'      allow tcp 80 from security_group.{n}_lb')
    w(f'      allow tcp 22 from 192.0.2.0/24 "ops"')
    w(f'    }}')
    w(f'    security_group {n}_db {{')
    w(f'      description = "database and cache of site {i}"')
    w(f'      allow tcp 3306, 6379 from security_group.{n}_app')
    w(f'    }}')
    w(f'    target_group {n}_web {{ port = 80 protocol = "HTTP" }}')
    w(f'  }}')
    w(f'  certificate {n}_lb {{ domain = "site{i}.example.com" zone = dns_zone.{n} }}')
    w(f'  load_balancer {n} {{')
    w(f'    subnets = [subnet.{n}_pub_a, subnet.{n}_pub_b]')
    w(f'    security_groups = [security_group.{n}_lb]')
    w(f'    listener {n}_http {{ port = 80 protocol = "HTTP" redirect_to_https = true }}')
    w(f'    listener {n}_https {{ port = 443 protocol = "HTTPS" certificate = certificate.{n}_lb default_target = target_group.{n}_web }}')
    w(f'  }}')
    w(f'  db_subnet_group {n} {{ subnets = [subnet.{n}_app_a, subnet.{n}_app_b] }}')
    w(f'  db_instance {n} {{')
    w(f'    engine = "mysql" instance_class = "db.t3.micro" allocated_storage = 20')
    w(f'    subnet_group = db_subnet_group.{n} security_groups = [security_group.{n}_db]')
    w(f'    username = "admin" password = param.db_password multi_az = true storage_encrypted = true')
    w(f'  }}')
    w(f'  cache_cluster {n} {{ engine = "redis" node_type = "cache.t3.micro" security_groups = [security_group.{n}_db] subnets = [subnet.{n}_app_a, subnet.{n}_app_b] }}')
    w(f'  bucket {n}_assets {{')
    w(f'    versioning = true')
    w(f'    lifecycle_rule old_versions {{ noncurrent_transition_days = 30 noncurrent_storage_class = "STANDARD_IA" noncurrent_expiration_days = 365 }}')
    w(f'  }}')
    w(f'}}')
    w(f'region "us-east-1" {{')
    w(f'  certificate {n}_cdn {{ domain = "cdn{i}.example.com" zone = dns_zone.{n} }}')
    w(f'}}')
    w(f'distribution {n} {{')
    w(f'  aliases = ["cdn{i}.example.com"]')
    w(f'  certificate = certificate.{n}_cdn')
    w(f'  origin assets {{ target = bucket.{n}_assets }}')
    w(f'  origin app {{ target = load_balancer.{n} protocol_policy = "https-only" }}')
    w(f'  behavior {{ origin = "assets" viewer_protocol_policy = "redirect-to-https" }}')
    w(f'  behavior api {{ path_pattern = "/api/*" origin = "app" viewer_protocol_policy = "https-only" }}')
    w(f'}}')
    w(f'dns_zone {n} {{')
    w(f'  domain = "site{i}.example.com"')
    w(f'  dns_record {n}_www {{ name = "www" type = "A" alias = load_balancer.{n} }}')
    w(f'  dns_record {n}_cdn {{ name = "cdn{i}" type = "A" alias = distribution.{n} }}')
    w(f'  dns_record {n}_txt {{ name = "" type = "TXT" records = ["v=spf1 include:amazonses.com ~all"] }}')
    w(f'}}')
    w(f'iam_user {n}_deploy {{')
    w(f'  iam_access_key {n}_deploy {{ }}')
    w(f'}}')
    w(f'iam_policy {n}_deploy {{')
    w(f'  statement {{ effect = "Allow" actions = ["s3:PutObject", "s3:GetObject"] resources = [bucket.{n}_assets.arn] }}')
    w(f'}}')
    return 44  # resources per site (counted by the harness from the IR)


def main():
    target = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    per_site = 44
    sites = max(1, round(target / per_site))
    out = ['# generated by bench/generate.py; do not edit',
           'organization bench { default_region = "eu-central-1" }',
           'account main { id = "000000000000" default = true }',
           'param db_password : secret']
    for i in range(sites):
        site(i, out)
    sys.stdout.write("\n".join(line for line in out if line) + "\n")


if __name__ == "__main__":
    main()
