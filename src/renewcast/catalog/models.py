"""The knowledge base, named as in the vocabulary of DESIGN.md.

Every fact row points to the :class:`Source` it came from and carries the date
it was true. Facts that need an editor's word (events, statements, cast read
from articles) hang off a :class:`Claim`, whose state (proposed, confirmed,
rejected) decides whether the fact counts. A show's status is never typed in:
:mod:`renewcast.catalog.status` derives it from confirmed events and caches it
on the show for listing and filtering.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse


class Tier(models.TextChoices):
    OFFICIAL = "official", "official"
    TRADE = "trade", "trade press"
    PRESS = "press", "other press"
    FAN = "fan", "fan"


class Source(models.Model):
    """Where facts came from: one page, file or feed."""

    url = models.URLField(max_length=1000, unique=True)
    publisher = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=500, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    retrieved_at = models.DateTimeField(null=True, blank=True)
    tier = models.CharField(max_length=10, choices=Tier.choices, default=Tier.PRESS)
    # Set for articles: claims quote ``body`` by offsets, so it is kept as read.
    author = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True, help_text="The article text claims point into")
    comments = models.JSONField(
        default=list, blank=True, help_text="Reader comments: author, text, parent index"
    )

    class Meta:
        ordering = ["url"]

    def __str__(self) -> str:
        return self.title or self.public_url or "a local file"

    @property
    def public_url(self) -> str | None:
        """The address to show readers; None for a file an editor read from their own disk
        (its file:// path names their machine and is kept only to recognise a re-read)."""
        return self.url if self.url.startswith(("http://", "https://")) else None


class Status(models.TextChoices):
    AWAITING = "awaiting", "awaiting a decision"
    RENEWED = "renewed", "renewed"
    CANCELED = "canceled", "canceled"
    ENDED = "ended", "ended"


class Kind(models.TextChoices):
    SCRIPTED = "scripted", "scripted"
    REALITY = "reality", "reality"
    DOCUSERIES = "docuseries", "docuseries"
    ANIMATION = "animation", "animation"
    ANIME = "anime", "anime"
    KIDS = "kids", "kids"
    STANDUP = "standup", "stand-up"
    LIVE = "live", "live event or weekly programme"
    AMBIENT = "ambient", "ambient video"


class ShowQuerySet(models.QuerySet):
    def listed(self):
        """The shows the public site may show: one first met in an article stays off it
        until an editor confirms one of its claims (``Show.listed``)."""
        return self.filter(listed=True)


class Show(models.Model):
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=300, unique=True)
    platform = models.CharField(max_length=100, blank=True, help_text="Network or streamer")
    kind = models.CharField(max_length=20, choices=Kind.choices, blank=True)
    is_original = models.BooleanField(
        null=True, blank=True, help_text="Made for the platform (not licensed)"
    )
    language = models.CharField(max_length=50, blank=True)
    platform_source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind_source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="Where the kind came from (empty: renewcast's title rules or desk notes)"
    )
    is_limited = models.BooleanField(
        null=True, blank=True, help_text="Made as a limited series (one season planned)")
    # A show first met in an article an editor read with "new show": hidden from the public
    # site until one of its claims is confirmed (catalog.review), so a typo never goes live.
    listed = models.BooleanField(
        default=True, help_text="Shown on the public site (off until an editor confirms a "
                                "claim about a show first met in an article)")
    # An editor's word on kind, platform and original-or-licensed; ingests leave it alone.
    classified_by_editor = models.BooleanField(
        default=False, help_text="Set when an editor corrects kind, platform or original; "
                                 "ingests then keep the editor's values")
    tvmaze_id = models.PositiveIntegerField(null=True, blank=True, unique=True)
    imdb_id = models.CharField(max_length=20, blank=True, db_index=True)
    # TVmaze's own "updated" stamp at the last sync: ``sync --updates`` skips shows it equals.
    tvmaze_updated = models.BigIntegerField(null=True, blank=True, editable=False)
    # Derived from confirmed events by catalog.status.refresh_status; never edited.
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.AWAITING, editable=False
    )
    status_event = models.ForeignKey(
        "Event", null=True, blank=True, on_delete=models.SET_NULL, editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ShowQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("show", kwargs={"slug": self.slug})


class Season(models.Model):
    show = models.ForeignKey(Show, on_delete=models.CASCADE, related_name="seasons")
    number = models.PositiveIntegerField()
    label = models.CharField(
        max_length=300, blank=True, help_text='e.g. "Part 2", "Limited Series"'
    )
    chart_title = models.CharField(
        max_length=300, blank=True, help_text="Netflix's season_title, used to match chart rows"
    )
    premiere_date = models.DateField(null=True, blank=True)
    premiere_source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    finale_date = models.DateField(null=True, blank=True)
    finale_source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    episode_order = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Episodes ordered for the season"
    )
    tvmaze_id = models.PositiveIntegerField(null=True, blank=True, unique=True)

    class Meta:
        ordering = ["show", "number"]
        constraints = [
            models.UniqueConstraint(fields=["show", "number"], name="season_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.show.title}: {self.display_label}"

    @property
    def display_label(self) -> str:
        return self.label or f"Season {self.number}"

    @property
    def has_views(self) -> bool:
        """Whether any chart week has views (Netflix published them from June 2023)."""
        return any(w.views is not None for w in self.chart_weeks.all())


class Episode(models.Model):
    """One episode of a season, as a catalog like TVmaze lists it."""

    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="episodes")
    number = models.PositiveIntegerField(null=True, blank=True, help_text="Empty for specials")
    title = models.CharField(max_length=300, blank=True)
    airdate = models.DateField(null=True, blank=True)
    runtime = models.PositiveIntegerField(null=True, blank=True, help_text="Minutes")
    special = models.BooleanField(default=False)
    tvmaze_id = models.PositiveIntegerField(null=True, blank=True, unique=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="episodes")

    class Meta:
        ordering = ["season", "number", "airdate", "id"]

    def __str__(self) -> str:
        return f"{self.season} episode {self.number or 'special'}: {self.title}"


class Person(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    tvmaze_id = models.PositiveIntegerField(null=True, blank=True, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name


class ClaimState(models.TextChoices):
    PROPOSED = "proposed", "proposed"
    CONFIRMED = "confirmed", "confirmed"
    REJECTED = "rejected", "rejected"


class ClaimKind(models.TextChoices):
    STATUS = "status", "status"
    CAST = "cast", "cast"
    STATEMENT = "statement", "statement"
    EVENT = "event", "event"
    PREDICTION = "prediction", "prediction"
    PLOT = "plot", "plot"


class Claim(models.Model):
    """One fact with its provenance, waiting for or carrying an editor's decision."""

    show = models.ForeignKey(Show, on_delete=models.CASCADE, related_name="claims")
    season = models.ForeignKey(
        Season, null=True, blank=True, on_delete=models.CASCADE, related_name="claims"
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="claims"
    )
    kind = models.CharField(max_length=20, choices=ClaimKind.choices)
    value = models.JSONField(default=dict, blank=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="claims")
    quote = models.TextField(blank=True, help_text="Verbatim text from the source")
    start = models.PositiveIntegerField(
        null=True, blank=True, help_text="Quote's offset in the body"
    )
    end = models.PositiveIntegerField(null=True, blank=True)
    confidence = models.FloatField(default=1.0)
    state = models.CharField(
        max_length=10, choices=ClaimState.choices, default=ClaimState.PROPOSED, db_index=True
    )
    true_on = models.DateField(null=True, blank=True, help_text="The date the fact was true")
    created_at = models.DateTimeField(auto_now_add=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} about {self.show.title} ({self.state})"


class EventKind(models.TextChoices):
    RENEWAL = "renewal", "renewed"
    CANCELLATION = "cancellation", "canceled"
    ENDING = "ending", "final season announced"
    PREMIERE = "premiere", "premiere"
    WRITERS_ROOM = "writers_room", "writers' room opened"
    FILMING_START = "filming_start", "filming started"
    FILMING_WRAP = "filming_wrap", "filming wrapped"
    TRAILER = "trailer", "trailer released"
    DATE_ANNOUNCED = "date_announced", "premiere date announced"


DECISION_KINDS = (EventKind.RENEWAL, EventKind.CANCELLATION, EventKind.ENDING)


class Precision(models.TextChoices):
    DAY = "day", "day"
    MONTH = "month", "month"
    YEAR = "year", "year"


class Event(models.Model):
    """A dated thing that happened; it counts once its claim is confirmed."""

    show = models.ForeignKey(Show, on_delete=models.CASCADE, related_name="events")
    season = models.ForeignKey(
        Season, null=True, blank=True, on_delete=models.CASCADE, related_name="events",
        help_text="For a decision: the released season it follows",
    )
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    date = models.DateField()
    precision = models.CharField(max_length=5, choices=Precision.choices, default=Precision.DAY)
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="events")
    # What a decision covers (renewcast.forecast.coverage reads both): the seasons a renewal
    # orders, empty for "the next one"; the season an ending or a "final season" order names.
    covers = models.JSONField(default=list, blank=True,
                              help_text='Seasons a renewal orders, e.g. [5, 6]; empty: the next')
    final_season = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The season announced as the last one, if any")

    class Meta:
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.show.title}: {self.get_kind_display()} ({self.date})"

    @property
    def source(self) -> Source:
        return self.claim.source


class Stance(models.TextChoices):
    POSITIVE = "positive", "positive"
    NEGATIVE = "negative", "negative"
    NEUTRAL = "neutral", "neutral"


class Statement(models.Model):
    """A quote from someone involved, with its stance toward another season."""

    show = models.ForeignKey(Show, on_delete=models.CASCADE, related_name="statements")
    season = models.ForeignKey(
        Season, null=True, blank=True, on_delete=models.CASCADE, related_name="statements"
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="statements"
    )
    speaker = models.CharField(max_length=200)
    speaker_role = models.CharField(max_length=200, blank=True)
    quote = models.TextField()
    said_on = models.DateField(null=True, blank=True)
    stance = models.CharField(max_length=10, choices=Stance.choices, default=Stance.NEUTRAL)
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="statements")

    class Meta:
        ordering = ["-said_on", "id"]

    def __str__(self) -> str:
        return f"{self.speaker} on {self.show.title}"


class Credit(models.Model):
    """A person plays a character (or holds a job) in a season."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="credits")
    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="credits")
    character = models.CharField(max_length=200, blank=True)
    job = models.CharField(max_length=100, blank=True, help_text="Empty for cast")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="credits")
    claim = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.CASCADE, related_name="credits"
    )
    true_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["season", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "season", "character", "job"], name="credit_unique"
            )
        ]

    def __str__(self) -> str:
        role = f"as {self.character}" if self.character else self.job
        return f"{self.person.name} {role} in {self.season}"


class ChartList(models.TextChoices):
    TV_ENGLISH = "TV (English)", "TV (English)"
    TV_NON_ENGLISH = "TV (Non-English)", "TV (Non-English)"


class ChartWeek(models.Model):
    """A season's place in one week of Netflix's global Top 10."""

    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="chart_weeks")
    week = models.DateField(help_text="The Sunday that ends the chart week")
    list = models.CharField(max_length=20, choices=ChartList.choices)
    rank = models.PositiveSmallIntegerField()
    hours = models.BigIntegerField(help_text="Hours viewed that week")
    views = models.BigIntegerField(null=True, blank=True, help_text="Hours / runtime (from 2023)")
    runtime = models.DecimalField(max_digits=8, decimal_places=4, null=True, blank=True)
    weeks_on_list = models.PositiveSmallIntegerField()
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="chart_weeks")

    class Meta:
        ordering = ["week", "list", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["season", "list", "week"], name="chartweek_unique")
        ]
        indexes = [models.Index(fields=["week", "list"])]

    def __str__(self) -> str:
        return f"{self.season} #{self.rank} in {self.list}, week of {self.week}"


class AllTimeRank(models.Model):
    """A season's place in Netflix's all-time most popular list (first 91 days)."""

    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="all_time_ranks")
    list = models.CharField(max_length=20, choices=ChartList.choices)
    rank = models.PositiveSmallIntegerField()
    hours = models.BigIntegerField(help_text="Hours viewed in the first 91 days")
    views = models.BigIntegerField(null=True, blank=True)
    runtime = models.DecimalField(max_digits=8, decimal_places=4, null=True, blank=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="all_time_ranks")

    class Meta:
        ordering = ["list", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["season", "list"], name="alltimerank_unique")
        ]

    def __str__(self) -> str:
        return f"{self.season}: all-time #{self.rank} in {self.list}"


class EngagementFigure(models.Model):
    """A season's hours and views in one of Netflix's half-yearly engagement reports.

    The figures are for that half-year only (a season released in May continues in the
    next report) and became public when the report was published: its source's date.
    """

    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="engagement")
    period_start = models.DateField()
    period_end = models.DateField()
    hours = models.BigIntegerField(help_text="Hours viewed in the half-year")
    views = models.BigIntegerField(null=True, blank=True,
                                   help_text="Hours / runtime (from 2023 H2)")
    runtime = models.DecimalField(max_digits=8, decimal_places=4, null=True, blank=True)
    available_globally = models.BooleanField(null=True, blank=True)
    release_date = models.DateField(null=True, blank=True, help_text="Netflix's release date")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="engagement")

    class Meta:
        ordering = ["season", "period_start"]
        constraints = [
            models.UniqueConstraint(fields=["season", "period_start"], name="engagement_unique")
        ]

    def __str__(self) -> str:
        return f"{self.season}: {self.hours:,} hours in {self.half}"

    @property
    def half(self) -> str:
        return f"{self.period_start.year} H{1 if self.period_start.month <= 6 else 2}"


class ShowAlias(models.Model):
    """Another title a show was listed under: the installments of an anthology that Netflix
    titles differently (DAHMER, Monsters, Monster: The Ed Gein Story are one show).

    Ingests resolve the title to ``show``; the alias's own season 1 is the show's season
    ``first_season`` (1 for a plain rename).
    """

    title = models.CharField(max_length=300)
    key = models.CharField(max_length=300, unique=True, editable=False)
    show = models.ForeignKey(Show, on_delete=models.CASCADE, related_name="aliases")
    first_season = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["show", "first_season"]
        verbose_name_plural = "show aliases"

    def __str__(self) -> str:
        return f"{self.title} → {self.show.title} (season {self.first_season} on)"

    def save(self, *args, **kwargs):
        from renewcast.sources.titles import title_key

        self.key = title_key(self.title)
        super().save(*args, **kwargs)


class PublishedForecast(models.Model):
    """A renewal chance as renewcast published it on a day, kept as it was.

    The backtest re-runs history with today's code; this ledger is the record that cannot
    be rewritten: each day's forecast with the model that made it, scored once the season's
    fate is known (``renewcast ledger``, the method page)."""

    season = models.ForeignKey(Season, on_delete=models.CASCADE,
                               related_name="published_forecasts")
    published_on = models.DateField()
    p_renew = models.FloatField()
    model_version = models.CharField(max_length=80)
    low_information = models.BooleanField(default=False)

    class Meta:
        ordering = ["season", "published_on"]
        constraints = [models.UniqueConstraint(fields=["season", "published_on"],
                                               name="one_published_forecast_a_day")]

    def __str__(self) -> str:
        return f"{self.season}: {self.p_renew:.0%} on {self.published_on}"
