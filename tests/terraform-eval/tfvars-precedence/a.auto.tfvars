auto_a = "a.auto.tfvars"
auto_b = "a.auto.tfvars"
cli = "a.auto.tfvars"
