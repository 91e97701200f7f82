"""The networks and streamers articles name, in one place.

Two readers must not take a platform for a title: the cast reader ("plays Ava on Netflix"
is not another work) and the headline reader ("Netflix Renews ..." does not name a show).
"""

# lowercase; callers match it case-insensitively or on lowercased text
PLATFORMS = (r"(?:netflix|hbo(?: max)?|max|hulu|disney\+?|prime(?: video)?|amazon|"
             r"apple(?: tv\+?)?|peacock|paramount\+?|nbc|abc|cbs|fox|the cw|bbc|itv)")
