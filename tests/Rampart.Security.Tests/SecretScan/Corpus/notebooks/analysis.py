# %% setup
import pandas as pd
from openai import OpenAI

client = OpenAI(api_key="[[S:openai-api-key]]sk-{{A:20}}T3BlbkFJ{{A:20}}[[/S]]")
HF = "[[S:huggingface-token]]hf_{{L:34}}[[/S]]"

# %% data
df = pd.read_parquet("s3://shop-analytics/orders/2024/05/")
token_counts = df["prompt_tokens"].sum()
secret_sauce = df.groupby("segment").agg({"revenue": "sum"})
api_key_column = "customer_api_key_hash"
print(token_counts, secret_sauce, api_key_column)
