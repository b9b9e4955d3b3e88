CREATE TABLE `posts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`author_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "posts_title_length" CHECK(length("posts"."title") between 1 and 200),
	CONSTRAINT "posts_body_not_empty" CHECK(length("posts"."body") > 0),
	CONSTRAINT "posts_author_id_positive" CHECK("posts"."author_id" > 0)
);
--> statement-breakpoint
CREATE INDEX `posts_created_at_id_idx` ON `posts` (`created_at`,`id`);