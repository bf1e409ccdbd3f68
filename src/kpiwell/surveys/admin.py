"""Survey responses are deliberately NOT registered in the admin: a person's answers are visible
to that person only. A test asserts that the admin never lists this model."""
