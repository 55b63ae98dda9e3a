auto_b = "b.auto.tfvars"
