# S3 buckets, databases, caches and DynamoDB tables

# PostgreSQL for data analysis; data may be lost
resource "aws_db_instance" "analysis" {
  identifier                   = "analysis"
  engine                       = "postgres"
  instance_class               = "db.t3.micro"
  allocated_storage            = 20
  max_allocated_storage        = 0
  storage_encrypted            = false
  manage_master_user_password  = true
  publicly_accessible          = true
  vpc_security_group_ids       = [aws_security_group.postgresql_anywhere_default_vpc.id]
  backup_retention_period      = 0
  skip_final_snapshot          = true
  performance_insights_enabled = false
}

resource "aws_db_subnet_group" "aurora" {
  name        = "aurora"
  description = "the two subnets of the Aurora VPC"
  subnet_ids  = [aws_subnet.aurora_a.id, aws_subnet.aurora_b.id]
}

resource "aws_rds_cluster" "aurora" {
  cluster_identifier        = "aurora"
  engine                    = "aurora-postgresql"
  engine_version            = "16.4"
  engine_mode               = "provisioned"
  database_name             = "common"
  master_username           = var.aurora_master_username
  master_password           = var.aurora_master_password
  vpc_security_group_ids    = [aws_security_group.postgresql_anywhere.id]
  db_subnet_group_name      = aws_db_subnet_group.aurora.name
  enable_http_endpoint      = true
  backup_retention_period   = 1
  storage_encrypted         = true
  final_snapshot_identifier = "aurora-final"

  serverlessv2_scaling_configuration {
    min_capacity             = 0
    max_capacity             = 2
    seconds_until_auto_pause = 3600
  }

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_rds_cluster_instance" "aurora" {
  count = 1

  identifier         = "aurora-${count.index}"
  cluster_identifier = aws_rds_cluster.aurora.id
  instance_class     = "db.serverless"
  engine             = aws_rds_cluster.aurora.engine
  engine_version     = aws_rds_cluster.aurora.engine_version
}

resource "aws_s3_bucket" "backup" {
  region = "eu-west-2"

  bucket = "ocp-redmine-backup"

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_public_access_block" "backup" {
  region = "eu-west-2"

  bucket                  = aws_s3_bucket.backup.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_lifecycle_configuration" "backup" {
  region = "eu-west-2"

  bucket = aws_s3_bucket.backup.id

  rule {
    id     = "delete-after-30-days"
    status = "Enabled"

    filter {}

    expiration {
      days = 30
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}
