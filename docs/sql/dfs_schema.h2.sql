-- The DFS metadata table for H2 (the embedded default of the quick start): the PostgreSQL layout in H2's types.
CREATE TABLE ezdfsfile (
  name_hash varchar(34) DEFAULT '' NOT NULL,
  name varchar(4096) NOT NULL,
  name_trunk varchar(4096) NOT NULL,
  datatype varchar(255) DEFAULT 'application/octet-stream' NOT NULL,
  scope varchar(25) DEFAULT '' NOT NULL,
  size bigint DEFAULT 0 NOT NULL,
  mtime integer DEFAULT 0 NOT NULL,
  expired boolean DEFAULT false NOT NULL,
  status boolean DEFAULT false NOT NULL,
  CONSTRAINT ezdfsfile_pkey PRIMARY KEY (name_hash)
);

CREATE INDEX ezdfsfile_expired_name ON ezdfsfile (expired, name);
CREATE INDEX ezdfsfile_mtime ON ezdfsfile (mtime);
CREATE INDEX ezdfsfile_name ON ezdfsfile (name);
CREATE INDEX ezdfsfile_name_trunk ON ezdfsfile (name_trunk);
