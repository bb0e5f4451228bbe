# S3 buckets, databases, caches and DynamoDB tables

resource "aws_s3_bucket" "tfstate" {
  bucket = "osmt-test"

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_ownership_controls" "tfstate" {
  bucket = aws_s3_bucket.tfstate.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "tfstate" {
  bucket                  = aws_s3_bucket.tfstate.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "tfstate" {
  bucket = aws_s3_bucket.tfstate.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "tfstate" {
  bucket = aws_s3_bucket.tfstate.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }

    bucket_key_enabled = true
  }
}

resource "aws_dynamodb_table" "tflock" {
  name           = "osmt-test"
  billing_mode   = "PROVISIONED"
  hash_key       = "LockID"
  read_capacity  = 5
  write_capacity = 5

  attribute {
    name = "LockID"
    type = "S"
  }

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_db_subnet_group" "osmt" {
  name        = "osmt-test"
  description = "OSMT private subnets"
  subnet_ids  = [aws_subnet.private_a.id, aws_subnet.private_b.id]
}

resource "aws_db_parameter_group" "osmt" {
  name        = "osmt-test"
  family      = "mysql8.0"
  description = "OSMT MySQL 8.0 parameters"
}

resource "aws_db_instance" "osmt" {
  identifier                = "osmt-test"
  engine                    = "mysql"
  engine_version            = "8.0.32"
  instance_class            = var.db_instance_class
  allocated_storage         = 10
  storage_type              = "gp2"
  db_name                   = "osmt"
  username                  = var.db_master_username
  password                  = var.db_master_password
  vpc_security_group_ids    = [aws_security_group.mysql.id]
  db_subnet_group_name      = aws_db_subnet_group.osmt.name
  parameter_group_name      = aws_db_parameter_group.osmt.name
  multi_az                  = true
  skip_final_snapshot       = false
  final_snapshot_identifier = "osmt-test-final"

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_elasticache_subnet_group" "redis" {
  name       = "osmt-test"
  subnet_ids = [aws_subnet.private_a.id, aws_subnet.private_b.id]
}

resource "aws_elasticache_replication_group" "redis" {
  replication_group_id        = "osmt-test"
  description                 = "redis"
  engine                      = "redis"
  engine_version              = "6.x"
  node_type                   = var.cache_node_type
  num_cache_clusters          = 2
  preferred_cache_cluster_azs = ["us-west-2a", "us-west-2b"]
  automatic_failover_enabled  = true
  port                        = 6379
  parameter_group_name        = "default.redis6.x"
  subnet_group_name           = aws_elasticache_subnet_group.redis.name
  security_group_ids          = [aws_security_group.redis.id]

  lifecycle {
    prevent_destroy = true
  }
}
