CREATE TABLE `doc_client_owners` (
	`room` text NOT NULL,
	`client_id` integer NOT NULL,
	`user_id` text,
	`at` integer NOT NULL,
	PRIMARY KEY(`room`, `client_id`)
);
--> statement-breakpoint
CREATE TABLE `doc_quarantine` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`room` text NOT NULL,
	`source` text NOT NULL,
	`entry_id` integer,
	`bytes` blob NOT NULL,
	`error` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `doc_quarantine_at_idx` ON `doc_quarantine` (`at`);