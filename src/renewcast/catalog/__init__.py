"""The knowledge base: shows, seasons, people and every sourced fact about them."""
