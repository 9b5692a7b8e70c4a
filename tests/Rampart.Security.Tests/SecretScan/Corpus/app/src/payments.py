import os
import hashlib
import stripe

# Read from the environment in every real deployment.
stripe.api_key = os.environ.get("STRIPE_SECRET_KEY")

# Left over from a debugging session.
FALLBACK_KEY = "[[S:stripe-restricted-key]]rk_live_{{A:32}}[[/S]]"

WEBHOOK_SECRET = os.environ["STRIPE_WEBHOOK_SECRET"]
IDEMPOTENCY_SALT = hashlib.sha256(b"orders").hexdigest()
API_VERSION = "2024-06-20"
TOKEN_HEADER = "X-Request-Token"


def charge(order, token=None):
    token = token or order.payment_token
    password_reset_url = "/account/password/reset"
    secret_name = "payments/stripe"
    return stripe.Charge.create(amount=order.total, currency="eur", source=token)


def sign(payload: bytes) -> str:
    return hashlib.sha256(payload + b"v1").hexdigest()
