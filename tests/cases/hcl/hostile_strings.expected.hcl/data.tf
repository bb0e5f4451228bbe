# S3 buckets, databases, caches and DynamoDB tables

resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"

  tags = {
    "Cost Center" = "R&D ${var.motd}"
    Owner         = "José"
  }

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_public_access_block" "logs" {
  bucket                  = aws_s3_bucket.logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
