// Read a podcast feed with two independent parsers and print, as JSON, what
// they recovered and what they found wrong.
//
//   node tests/js/read_feed.mjs FEED.xml     (or the XML on standard input)
//
// * podcast-partytime: the Podcast Index's own parser, the one the directory
//   ingests feeds with. It is lenient: it skips items it cannot use (no
//   enclosure, no guid) and logs why, and reads a missing enclosure length or
//   an unreadable duration as 0. Its log messages, the items it skipped and
//   the zeros are reported as problems.
// * feedsmith: a second RSS/iTunes/Podcasting 2.0 parser with its own XML
//   reading; where the two disagree on an episode's guid, enclosure or
//   duration, that is reported too.
//
// Exit status 0 whatever the feed holds (the caller judges "problems"); 2 when
// the feed could not be read at all from the file or standard input.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const partytime = require("podcast-partytime");
const { logger } = require("podcast-partytime/dist/logger");
const { parseRssFeed } = await import("feedsmith");

const problems = [];

// Partytime reports through its pino logger and, in one place, console.warn:
// collect both instead of letting them print.
for (const level of ["warn", "error", "fatal"]) {
  logger[level] = (...args) => problems.push(`partytime ${level}: ${describe(args)}`);
}
console.warn = (...args) => problems.push(`partytime warn: ${describe(args)}`);

function describe(args) {
  return args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" ");
}

function version(name) {
  return require(`${name}/package.json`).version;
}

function readInput() {
  const path = process.argv[2];
  try {
    return readFileSync(path ?? 0, "utf8");
  } catch (error) {
    process.stderr.write(`cannot read the feed: ${error.message}\n`);
    process.exit(2);
  }
}

function isPositiveInteger(value) {
  return Number.isInteger(value) && value > 0;
}

function showFromPartytime(feed) {
  return {
    title: feed.title ?? null,
    author: feed.author ?? null,
    owner_email: feed.owner?.email ?? null,
    language: feed.language ?? null,
    categories: feed.itunesCategory ?? [],
    explicit: feed.explicit,
    image: feed.itunesImage ?? feed.image?.url ?? null,
    locked: feed.locked ?? null,
    locked_owner: feed.podcastOwner ?? null,
    guid: feed.guid ?? null,
    medium: feed.medium ?? null,
    type: feed.itunesType ?? null,
    self: feed.pubsub?.self ?? null,
    podcasting20: feed.pc20support ?? {},
  };
}

function episodeFromPartytime(item) {
  return {
    guid: item.guid,
    title: item.title ?? null,
    enclosure: item.enclosure,
    duration: item.duration,
    pub_date: item.pubDate ? item.pubDate.toISOString() : null,
    season: item.itunesSeason ?? null,
    episode: item.itunesEpisode ?? null,
    episode_type: item.itunesEpisodeType ?? null,
    explicit: item.explicit,
    image: item.itunesImage ?? null,
    transcripts: (item.podcastTranscripts ?? []).map((t) => ({
      url: t.url,
      type: t.type,
      language: t.language ?? null,
      rel: t.rel ?? null,
    })),
    chapters: item.podcastChapters
      ? { url: item.podcastChapters.url, type: item.podcastChapters.type }
      : null,
    persons: (item.podcastPeople ?? []).map((p) => ({
      name: p.name,
      role: p.role,
      group: p.group,
    })),
    location: item.podcastLocation ?? null,
  };
}

function checkShow(show) {
  for (const field of ["title", "language", "image", "guid"]) {
    if (!show[field]) problems.push(`show: partytime found no ${field}`);
  }
  if (show.categories.length === 0) problems.push("show: partytime found no itunes:category");
}

function checkEpisode(episode) {
  const where = `episode ${episode.guid || episode.title}`;
  if (!episode.enclosure?.url) problems.push(`${where}: no enclosure url`);
  if (!isPositiveInteger(episode.enclosure?.length)) {
    problems.push(`${where}: enclosure length read as ${episode.enclosure?.length}`);
  }
  if (!/^(audio|video)\//.test(episode.enclosure?.type ?? "")) {
    problems.push(`${where}: enclosure type ${episode.enclosure?.type}`);
  }
  if (!(episode.duration > 0)) problems.push(`${where}: duration read as ${episode.duration}`);
  if (!episode.pub_date) problems.push(`${where}: no readable pubDate`);
}

function readWithFeedsmith(xml) {
  try {
    const feed = parseRssFeed(xml);
    return {
      show: {
        title: feed.title ?? null,
        language: feed.language ?? null,
        categories: (feed.itunes?.categories ?? []).map((c) =>
          [c.text, ...(c.categories ?? []).map((s) => s.text)].join(" > "),
        ),
        explicit: feed.itunes?.explicit ?? null,
        image: feed.itunes?.image ?? null,
        guid: feed.podcast?.guid ?? null,
        locked: feed.podcast?.locked?.value ?? null,
        medium: feed.podcast?.medium ?? null,
      },
      episodes: (feed.items ?? []).map((item) => ({
        guid: item.guid?.value ?? null,
        enclosure: item.enclosures?.[0] ?? null,
        duration: item.itunes?.duration ?? null,
        transcripts: (item.podcast?.transcripts ?? []).map((t) => t.url),
        chapters: item.podcast?.chapters?.url ?? null,
      })),
    };
  } catch (error) {
    problems.push(`feedsmith: ${error.name}: ${error.message}`);
    return null;
  }
}

function compare(episodes, second) {
  if (second === null) return;
  if (second.episodes.length !== episodes.length) {
    problems.push(
      `partytime kept ${episodes.length} of the ${second.episodes.length} items feedsmith read`,
    );
  }
  const byGuid = new Map(second.episodes.map((e) => [e.guid, e]));
  for (const episode of episodes) {
    const other = byGuid.get(episode.guid);
    const where = `episode ${episode.guid}`;
    if (!other) {
      problems.push(`${where}: feedsmith did not find this guid`);
      continue;
    }
    if (other.enclosure?.url !== episode.enclosure?.url) {
      problems.push(`${where}: the readers disagree on the enclosure url`);
    }
    if (other.enclosure?.length !== episode.enclosure?.length) {
      problems.push(
        `${where}: enclosure length ${episode.enclosure?.length} (partytime) vs ${other.enclosure?.length} (feedsmith)`,
      );
    }
    if (other.duration !== episode.duration) {
      problems.push(
        `${where}: duration ${episode.duration} (partytime) vs ${other.duration} (feedsmith)`,
      );
    }
  }
}

const xml = readInput();
const result = {
  readers: {
    "podcast-partytime": version("podcast-partytime"),
    feedsmith: version("feedsmith"),
  },
  show: null,
  episodes: [],
  feedsmith: null,
  problems,
};
const feed = partytime.parseFeed(xml);
if (feed) {
  result.show = showFromPartytime(feed);
  result.episodes = (feed.items ?? []).map(episodeFromPartytime);
  checkShow(result.show);
  result.episodes.forEach(checkEpisode);
} else {
  problems.push("partytime could not read the feed at all");
}
result.feedsmith = readWithFeedsmith(xml);
compare(result.episodes, result.feedsmith);
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
