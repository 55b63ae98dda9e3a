tfvars_optional = { b = { } }
