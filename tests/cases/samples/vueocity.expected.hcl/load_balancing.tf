# Load balancers, listeners, listener rules and target groups

resource "aws_lb_target_group" "foh" {
  name     = "FOH"
  port     = 80
  protocol = "HTTP"
  vpc_id   = aws_vpc.main.id

  stickiness {
    enabled = true
    type    = "lb_cookie"
  }
}

resource "aws_lb_target_group" "boh" {
  name     = "BOH"
  port     = 80
  protocol = "HTTP"
  vpc_id   = aws_vpc.main.id

  stickiness {
    enabled = true
    type    = "lb_cookie"
  }
}

resource "aws_lb_target_group" "ft" {
  name     = "FT"
  port     = 80
  protocol = "HTTP"
  vpc_id   = aws_vpc.main.id

  stickiness {
    enabled = true
    type    = "lb_cookie"
  }
}

resource "aws_lb" "main" {
  name               = "main"
  load_balancer_type = "application"
  subnets            = [aws_subnet.public_a.id, aws_subnet.public_b.id]
  security_groups    = [aws_security_group.elb.id]
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.main.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.foh.arn
  }
}

resource "aws_lb_listener_rule" "http_boh" {
  listener_arn = aws_lb_listener.http.arn

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.boh.arn
  }

  condition {
    path_pattern {
      values = [var.boh_path_pattern]
    }
  }
}

resource "aws_lb_listener_rule" "http_ft" {
  listener_arn = aws_lb_listener.http.arn

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.ft.arn
  }

  condition {
    path_pattern {
      values = [var.ft_path_pattern]
    }
  }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.main.arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = aws_acm_certificate_validation.elb.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.foh.arn
  }
}

resource "aws_lb_listener_rule" "https_boh" {
  listener_arn = aws_lb_listener.https.arn

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.boh.arn
  }

  condition {
    path_pattern {
      values = [var.boh_path_pattern]
    }
  }
}

resource "aws_lb_listener_rule" "https_ft" {
  listener_arn = aws_lb_listener.https.arn

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.ft.arn
  }

  condition {
    path_pattern {
      values = [var.ft_path_pattern]
    }
  }
}
