CREATE TABLE `authors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`created_at` integer NOT NULL,
	CONSTRAINT "authors_name_length" CHECK(length("authors"."name") between 1 and 100)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `authors_email_unique` ON `authors` (`email`);--> statement-breakpoint
CREATE TABLE `post_tags` (
	`post_id` integer NOT NULL,
	`tag` text NOT NULL,
	PRIMARY KEY(`post_id`, `tag`),
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "post_tags_tag_format" CHECK(length("post_tags"."tag") between 1 and 32 and "post_tags"."tag" not glob '*[^a-z0-9-]*')
);
--> statement-breakpoint
CREATE INDEX `post_tags_tag_post_id_idx` ON `post_tags` (`tag`,`post_id`);--> statement-breakpoint
CREATE TABLE `posts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`status` text NOT NULL,
	`author_id` integer NOT NULL,
	`etag` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`author_id`) REFERENCES `authors`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "posts_title_length" CHECK(length("posts"."title") between 1 and 200),
	CONSTRAINT "posts_body_not_empty" CHECK(length(trim("posts"."body")) > 0),
	CONSTRAINT "posts_status_known" CHECK("posts"."status" in ('draft', 'published'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `posts_etag_unique` ON `posts` (`etag`);--> statement-breakpoint
CREATE INDEX `posts_created_at_id_idx` ON `posts` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `posts_author_created_at_id_idx` ON `posts` (`author_id`,`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `tokens` (
	`selector` text PRIMARY KEY NOT NULL,
	`author_id` integer NOT NULL,
	`verifier_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`author_id`) REFERENCES `authors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `tokens_author_id_idx` ON `tokens` (`author_id`);