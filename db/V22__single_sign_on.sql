-- How a user signs in: 'password' (a local user, with a password hash) or 'oidc' (made at their first single sign-on,
-- without a password; their role is the provider's groups' at each sign-in). A provider's user never takes the name of
-- a local user: that sign-in is refused.
ALTER TABLE app_user ADD COLUMN signs_in_with VARCHAR(16) NOT NULL DEFAULT 'password';
