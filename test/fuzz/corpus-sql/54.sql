SELECT table_schema FROM information_schema.tables WHERE table_name = 'u'
