// The annotator's built-in word lists: the gazetteer of countries, capitals, US
// states, major cities, regions, demonyms, religious and political groups,
// international organisations, news outlets and US institutions, and the word
// lists its rules consult (given names, person titles and roles, heads of
// organisation and facility names, capitalised words that are not names).
//
// Every list is text, one entry a line, each line ending in '\n'; the
// gazetteer's lines are TYPE<TAB>Canonical Name<TAB>alias|alias|... with '#'
// comment lines. The text is in UTF-8 (a few names carry accents or curly
// apostrophes): MSVC needs /utf-8 to read this file as written.
//
// Each list is one array of adjacent raw string literals of under 16 KB each
// (MSVC's limit for one literal), under 64 KB in all (MSVC's limit after
// concatenation, and GCC's -Woverlength-strings threshold). A list that outgrows
// 64 KB must be split into several arrays joined once into a static std::string.
//
// Editing: keep one entry a line, no blank lines, no trailing spaces; in the
// gazetteer, exactly three tab-separated fields a line, each canonical name once,
// each alias under one entity only, and no alias that is an ordinary lowercase
// word. Aliases are matched word by word and case-sensitively.
#include <string>
#include <string_view>

namespace newsdoc::detail {
namespace {

// The gazetteer.
constexpr char kGazetteer[] =
    R"lex(# The built-in gazetteer: one entity a line, TYPE<TAB>Canonical Name<TAB>alias|alias|...
# (the alias field may be empty). Types are OntoNotes labels. Names and aliases are
# matched word by word and case-sensitively; no alias belongs to two entities.
# Sovereign states: the 193 UN members, the two UN observer states (Holy See, Palestine), Taiwan and Kosovo.
GPE	Afghanistan	
GPE	Albania	
GPE	Algeria	
GPE	Andorra	
GPE	Angola	
GPE	Antigua and Barbuda	Antigua
GPE	Argentina	
GPE	Armenia	
GPE	Australia	
GPE	Austria	
GPE	Azerbaijan	
GPE	Bahamas	The Bahamas
GPE	Bahrain	
GPE	Bangladesh	
GPE	Barbados	
GPE	Belarus	
GPE	Belgium	
GPE	Belize	
GPE	Benin	
GPE	Bhutan	
GPE	Bolivia	
GPE	Bosnia and Herzegovina	Bosnia|Bosnia-Herzegovina|Bosnia & Herzegovina
GPE	Botswana	
GPE	Brazil	
GPE	Brunei	Brunei Darussalam
GPE	Bulgaria	
GPE	Burkina Faso	
GPE	Burundi	
GPE	Cape Verde	Cabo Verde
GPE	Cambodia	
GPE	Cameroon	
GPE	Canada	
GPE	Central African Republic	
GPE	Chad	
GPE	Chile	
GPE	China	People's Republic of China|PRC|Mainland China|People’s Republic of China
GPE	Colombia	
GPE	Comoros	
GPE	Republic of the Congo	Congo-Brazzaville|Congo Republic|Republic of Congo
GPE	Democratic Republic of the Congo	Democratic Republic of Congo|DR Congo|DRC|D.R. Congo|Congo-Kinshasa|Congo
GPE	Costa Rica	
GPE	Ivory Coast	Côte d'Ivoire|Cote d'Ivoire|Côte d’Ivoire|Cote d’Ivoire
GPE	Croatia	
GPE	Cuba	
GPE	Cyprus	
GPE	Czech Republic	Czechia
GPE	Denmark	
GPE	Djibouti	Djibouti City
GPE	Dominica	
GPE	Dominican Republic	
GPE	Ecuador	
GPE	Egypt	
GPE	El Salvador	
GPE	Equatorial Guinea	
GPE	Eritrea	
GPE	Estonia	
GPE	Eswatini	Swaziland
GPE	Ethiopia	
GPE	Fiji	
GPE	Finland	
GPE	France	
GPE	Gabon	
GPE	Gambia	The Gambia
# Georgia: the country and the US state share one entry (both GPE).
GPE	Georgia	
GPE	Germany	
GPE	Ghana	
GPE	Greece	
GPE	Grenada	
GPE	Guatemala	
GPE	Guinea	
GPE	Guinea-Bissau	
GPE	Guyana	
GPE	Haiti	
GPE	Honduras	
GPE	Hungary	
GPE	Iceland	
GPE	India	
GPE	Indonesia	
GPE	Iran	Islamic Republic of Iran
GPE	Iraq	
GPE	Ireland	Republic of Ireland
GPE	Israel	
GPE	Italy	
GPE	Jamaica	
GPE	Japan	
GPE	Jordan	
GPE	Kazakhstan	
GPE	Kenya	
GPE	Kiribati	
GPE	Kuwait	
GPE	Kyrgyzstan	Kyrgyz Republic
GPE	Laos	Lao People's Democratic Republic|Lao PDR|Lao People’s Democratic Republic
GPE	Latvia	
GPE	Lebanon	
GPE	Lesotho	
GPE	Liberia	
GPE	Libya	
GPE	Liechtenstein	
GPE	Lithuania	
GPE	Luxembourg	Luxembourg City
GPE	Madagascar	
GPE	Malawi	
GPE	Malaysia	
GPE	Maldives	
GPE	Mali	
GPE	Malta	
GPE	Marshall Islands	
GPE	Mauritania	
GPE	Mauritius	
GPE	Mexico	
GPE	Micronesia	Federated States of Micronesia
GPE	Moldova	
GPE	Monaco	
GPE	Mongolia	
GPE	Montenegro	
GPE	Morocco	
GPE	Mozambique	
GPE	Myanmar	Burma
GPE	Namibia	
GPE	Nauru	
GPE	Nepal	
GPE	Netherlands	The Netherlands|Holland
GPE	New Zealand	
GPE	Nicaragua	
GPE	Niger	
GPE	Nigeria	
GPE	North Korea	Democratic People's Republic of Korea|DPRK|Democratic People’s Republic of Korea
GPE	North Macedonia	Macedonia
GPE	Norway	
GPE	Oman	
GPE	Pakistan	
GPE	Palau	
GPE	Panama	
GPE	Papua New Guinea	PNG
GPE	Paraguay	
GPE	Peru	
GPE	Philippines	The Philippines
GPE	Poland	
GPE	Portugal	
GPE	Qatar	
GPE	Romania	
GPE	Russia	Russian Federation
GPE	Rwanda	
GPE	Saint Kitts and Nevis	St. Kitts and Nevis|St Kitts and Nevis
GPE	Saint Lucia	St. Lucia|St Lucia
GPE	Saint Vincent and the Grenadines	St. Vincent and the Grenadines|St Vincent and the Grenadines
GPE	Samoa	
GPE	San Marino	
GPE	São Tomé and Príncipe	Sao Tome and Principe
GPE	Saudi Arabia	Kingdom of Saudi Arabia
GPE	Senegal	
GPE	Serbia	
GPE	Seychelles	
GPE	Sierra Leone	
GPE	Singapore	
GPE	Slovakia	
GPE	Slovenia	
GPE	Solomon Islands	
GPE	Somalia	
GPE	South Africa	
GPE	South Korea	Republic of Korea|Korea
GPE	South Sudan	
GPE	Spain	
GPE	Sri Lanka	
GPE	Sudan	
GPE	Suriname	
GPE	Sweden	
GPE	Switzerland	
GPE	Syria	Syrian Arab Republic
GPE	Tajikistan	
GPE	Tanzania	
GPE	Thailand	
GPE	East Timor	Timor-Leste
GPE	Togo	
GPE	Tonga	
GPE	Trinidad and Tobago	Trinidad
GPE	Tunisia	
GPE	Turkey	Türkiye|Turkiye
GPE	Turkmenistan	
GPE	Tuvalu	
GPE	Uganda	
GPE	Ukraine	
GPE	United Arab Emirates	UAE|U.A.E.
GPE	United Kingdom	UK|U.K.|Britain|Great Britain
GPE	United States	US|U.S.|USA|U.S.A.|America|United States of America
GPE	Uruguay	
GPE	Uzbekistan	
GPE	Vanuatu	
GPE	Venezuela	
GPE	Vietnam	Viet Nam
GPE	Yemen	
GPE	Zambia	
GPE	Zimbabwe	
# The Holy See (a UN observer) and its capital, Vatican City, are one entry.
GPE	Vatican City	Vatican|Holy See
GPE	Palestine	State of Palestine
GPE	Taiwan	Republic of China
GPE	Kosovo	
# Former states still common in news.
GPE	Soviet Union	USSR|U.S.S.R.
GPE	Yugoslavia	
# Constituent countries, dependencies and disputed or autonomous territories.
GPE	England	
GPE	Scotland	
GPE	Wales	
GPE	Northern Ireland	
GPE	Hong Kong	
GPE	Macau	Macao
GPE	Greenland	
GPE	Puerto Rico	
GPE	Guam	
GPE	Western Sahara	
GPE	Gaza	Gaza Strip|Gaza City
GPE	West Bank	
GPE	East Jerusalem	
GPE	Crimea	
GPE	Abkhazia	
GPE	South Ossetia	
GPE	Transnistria	
GPE	Nagorno-Karabakh	Karabakh
GPE	Northern Cyprus	
GPE	Somaliland	
GPE	Tibet	
GPE	Xinjiang	
GPE	Kashmir	
GPE	Kurdistan	
GPE	Chechnya	
GPE	Darfur	
GPE	Tigray	
GPE	Catalonia	
GPE	Bavaria	
GPE	Punjab	
# National capitals (seats of government where they differ). Capitals that share their
# country's name (Singapore, Monaco, San Marino, Luxembourg, Djibouti, Vatican City) are
# the country entries above. Victoria (Seychelles) is left out: far more often a person.
GPE	Kabul	
GPE	Tirana	Tirane
GPE	Algiers	
GPE	Andorra la Vella	
GPE	Luanda	
GPE	St. John's	Saint John's|St John's|St. John’s|Saint John’s|St John’s
GPE	Buenos Aires	
GPE	Yerevan	
GPE	Canberra	
GPE	Vienna	
GPE	Baku	
GPE	Nassau	
GPE	Manama	
GPE	Dhaka	Dacca
GPE	Bridgetown	
GPE	Minsk	
GPE	Brussels	
GPE	Belmopan	
GPE	Porto-Novo	
GPE	Thimphu	
GPE	Sucre	
GPE	La Paz	
GPE	Sarajevo	
GPE	Gaborone	
GPE	Brasília	Brasilia
GPE	Bandar Seri Begawan	
GPE	Sofia	
GPE	Ouagadougou	
GPE	Gitega	
GPE	Praia	
GPE	Phnom Penh	
GPE	Yaoundé	Yaounde
GPE	Ottawa	
GPE	Bangui	
GPE	N'Djamena	Ndjamena|N’Djamena
GPE	Santiago	
GPE	Beijing	Peking
GPE	Bogotá	Bogota
GPE	Moroni	
GPE	Brazzaville	
GPE	Kinshasa	
GPE	San José	San Jose
GPE	Yamoussoukro	
GPE	Zagreb	
GPE	Havana	
GPE	Nicosia	
GPE	Prague	
GPE	Copenhagen	
GPE	Roseau	
GPE	Santo Domingo	
GPE	Quito	
GPE	Cairo	
GPE	San Salvador	
GPE	Malabo	
GPE	Asmara	
GPE	Tallinn	
GPE	Mbabane	
GPE	Addis Ababa	
GPE	Suva	
GPE	Helsinki	
GPE	Paris	
GPE	Libreville	
GPE	Banjul	
GPE	Tbilisi	
GPE	Berlin	
GPE	Accra	
GPE	Athens	
GPE	St. George's	Saint George's|St George's|St. George’s|Saint George’s|St George’s
GPE	Guatemala City	
GPE	Conakry	
GPE	Bissau	
GPE	Georgetown	
GPE	Port-au-Prince	
GPE	Tegucigalpa	
GPE	Budapest	
GPE	Reykjavík	Reykjavik
GPE	New Delhi	
GPE	Jakarta	
GPE	Tehran	Teheran
GPE	Baghdad	
GPE	Dublin	
GPE	Jerusalem	
GPE	Rome	
GPE	Kingston	
GPE	Tokyo	
GPE	Amman	
GPE	Astana	Nur-Sultan
GPE	Nairobi	
GPE	Tarawa	South Tarawa
GPE	Kuwait City	
GPE	Bishkek	
GPE	Vientiane	
GPE	Riga	
GPE	Beirut	
GPE	Maseru	
GPE	Monrovia	
# Tripoli: Libya's capital and Lebanon's second city share one entry.
GPE	Tripoli	
GPE	Vaduz	
GPE	Vilnius	
GPE	Antananarivo	
GPE	Lilongwe	
GPE	Kuala Lumpur	
GPE	Putrajaya	
GPE	Malé	
GPE	Bamako	
GPE	Valletta	
GPE	Majuro	
GPE	Nouakchott	
GPE	Port Louis	
GPE	Mexico City	
GPE	Palikir	
GPE	Chișinău	Chisinau|Chişinău|Kishinev
GPE	Ulaanbaatar	Ulan Bator
GPE	Podgorica	
GPE	Rabat	
GPE	Maputo	
GPE	Naypyidaw	Nay Pyi Taw|Naypyitaw
GPE	Windhoek	
GPE	Yaren	
GPE	Kathmandu	
GPE	Amsterdam	
GPE	The Hague	Hague
GPE	Wellington	
GPE	Managua	
GPE	Niamey	
GPE	Abuja	
GPE	Pyongyang	
GPE	Skopje	
GPE	Oslo	
GPE	Muscat	
GPE	Islamabad	
GPE	Ngerulmud	
GPE	Panama City	
GPE	Port Moresby	
GPE	Asunción	Asuncion
GPE	Lima	
GPE	Manila	
GPE	Warsaw	
GPE	Lisbon	
GPE	Doha	
GPE	Bucharest	
GPE	Moscow	
GPE	Kigali	
GPE	Basseterre	
GPE	Castries	
GPE	Kingstown	
GPE	Apia	
GPE	São Tomé	Sao Tome
GPE	Riyadh	
GPE	Dakar	
GPE	Belgrade	
GPE	Freetown	
GPE	Bratislava	
GPE	Ljubljana	
GPE	Honiara	
GPE	Mogadishu	
GPE	Pretoria	Tshwane
GPE	Cape Town	
GPE	Bloemfontein	
GPE	Seoul	
GPE	Juba	
GPE	Madrid	
GPE	Sri Jayawardenepura Kotte	Kotte
GPE	Colombo	
GPE	Khartoum	
GPE	Paramaribo	
GPE	Stockholm	
GPE	Bern	Berne
GPE	Damascus	
GPE	Dushanbe	
GPE	Dodoma	
GPE	Bangkok	
GPE	Dili	
GPE	Lomé	Lome
GPE	Nuku'alofa	Nukuʻalofa|Nuku’alofa
GPE	Port of Spain	Port-of-Spain
GPE	Tunis	
GPE	Ankara	
GPE	Ashgabat	Ashkhabad
GPE	Funafuti	
GPE	Kampala	
GPE	Kyiv	Kiev
GPE	Abu Dhabi	
GPE	London	
# "Washington" alone is taken as the US capital; the state is "Washington State".
GPE	Washington	Washington D.C.|Washington, D.C.|Washington DC|D.C.
GPE	Montevideo	
GPE	Tashkent	
GPE	Port Vila	
GPE	Caracas	
GPE	Hanoi	
GPE	Sanaa	Sana'a|Sana’a
GPE	Lusaka	
GPE	Harare	
GPE	Ramallah	
GPE	Taipei	
GPE	Pristina	Prishtina
# US states, with the AP abbreviations that are not ordinary words ("Miss." and "Mass." are left out:
# a title and a church service). Georgia is the country entry above.
GPE	Alabama	Ala.
GPE	Alaska	
GPE	Arizona	Ariz.
GPE	Arkansas	Ark.
GPE	California	Calif.
GPE	Colorado	Colo.
GPE	Connecticut	Conn.
GPE	Delaware	Del.
GPE	Florida	Fla.
GPE	Hawaii	
GPE	Idaho	
GPE	Illinois	Ill.
GPE	Indiana	Ind.
GPE	Iowa	
GPE	Kansas	Kan.
GPE	Kentucky	Ky.
GPE	Louisiana	La.
GPE	Maine	
GPE	Maryland	Md.
GPE	Massachusetts	
GPE	Michigan	Mich.
GPE	Minnesota	Minn.
GPE	Mississippi	
GPE	Missouri	Mo.
GPE	Montana	Mont.
GPE	Nebraska	Neb.
GPE	Nevada	Nev.
GPE	New Hampshire	N.H.
GPE	New Jersey	N.J.
GPE	New Mexico	N.M.
GPE	New York State	New York state|N.Y.
GPE	North Carolina	N.C.
GPE	North Dakota	N.D.
GPE	Ohio	
GPE	Oklahoma	Okla.
GPE	Oregon	Ore.
GPE	Pennsylvania	Pa.
GPE	Rhode Island	R.I.
GPE	South Carolina	S.C.
GPE	South Dakota	S.D.
GPE	Tennessee	Tenn.
GPE	Texas	
GPE	Utah	
GPE	Vermont	Vt.
GPE	Virginia	Va.
GPE	Washington State	Washington state|Wash.
GPE	West Virginia	W.Va.|W.Va
GPE	Wisconsin	Wis.
GPE	Wyoming	Wyo.
# Canadian provinces and territories.
GPE	Ontario	
GPE	Quebec	Québec
GPE	British Columbia	
GPE	Alberta	
GPE	Manitoba	
GPE	Saskatchewan	
GPE	Nova Scotia	
GPE	New Brunswick	
GPE	Newfoundland and Labrador	Newfoundland
GPE	Prince Edward Island	
GPE	Yukon	
GPE	Northwest Territories	
GPE	Nunavut	
# Australian states and territories (Victoria is left out: far more often a person).
GPE	New South Wales	
GPE	Queensland	
GPE	South Australia	
GPE	Western Australia	
GPE	Tasmania	
GPE	Northern Territory	
# Cities: those of over about two million people that are not capitals, and cities often in the news.
# United States
GPE	New York	New York City|NYC|N.Y.C.
GPE	Los Angeles	L.A.
GPE	Chicago	
GPE	Houston	
GPE	Phoenix	
GPE	Philadelphia	
GPE	San Antonio	
GPE	San Diego	
GPE	Dallas	
GPE	Fort Worth	
GPE	San Francisco	
GPE	Seattle	
GPE	Boston	
GPE	Miami	
GPE	Atlanta	
GPE	Detroit	
GPE	Minneapolis	
GPE	Denver	
GPE	Baltimore	
GPE	Las Vegas	
GPE	New Orleans	
GPE	Pittsburgh	
GPE	St. Louis	Saint Louis|St Louis
GPE	Tampa	
GPE	Sacramento	
GPE	Nashville	
GPE	Honolulu	
GPE	Cleveland	
GPE	Cincinnati	
GPE	Milwaukee	
GPE	Kansas City	
GPE	Salt Lake City	
GPE	Oakland	
# Canada, Mexico, Central America, Caribbean
GPE	Toronto	
GPE	Montreal	Montréal
GPE	Vancouver	
GPE	Calgary	
GPE	Edmonton	
GPE	Guadalajara	
GPE	Monterrey	
GPE	Puebla	
GPE	Tijuana	
GPE	Ciudad Juárez	Ciudad Juarez
GPE	Culiacán	Culiacan
GPE	Guantanamo	Guantánamo|Guantanamo Bay|Guantánamo Bay
# South America
GPE	São Paulo	Sao Paulo
GPE	Rio de Janeiro	Rio
GPE	Belo Horizonte	
GPE	Salvador	
GPE	Fortaleza	
GPE	Recife	
GPE	Porto Alegre	
GPE	Curitiba	
GPE	Manaus	
GPE	Belém	Belem
GPE	Córdoba	Cordoba
GPE	Medellín	Medellin
GPE	Cali	
GPE	Barranquilla	
GPE	Maracaibo	
GPE	Guayaquil	
# Europe
GPE	Hamburg	
GPE	Munich	München
GPE	Cologne	Köln
GPE	Frankfurt	
GPE	Stuttgart	
GPE	Düsseldorf	Dusseldorf
GPE	Milan	Milano
GPE	Naples	Napoli
GPE	Turin	Torino
GPE	Venice	
GPE	Barcelona	
GPE	Marseille	Marseilles
GPE	Lyon	Lyons
GPE	Strasbourg	
GPE	Geneva	
GPE	Zurich	Zürich
GPE	Davos	
GPE	Birmingham	
GPE	Manchester	
GPE	Liverpool	
GPE	Glasgow	
GPE	Edinburgh	
GPE	Belfast	
GPE	Cardiff	
GPE	Rotterdam	
GPE	Antwerp	
GPE	Porto	Oporto
GPE	Kraków	Krakow|Cracow
GPE	Gdańsk	Gdansk
GPE	Thessaloniki	
GPE	Istanbul	
GPE	Izmir	İzmir
GPE	Bursa	
GPE	Antalya	
GPE	Adana	
GPE	Konya	
GPE	Gaziantep	
GPE	Diyarbakır	Diyarbakir
GPE	St. Petersburg	Saint Petersburg|St Petersburg
GPE	Novosibirsk	
GPE	Yekaterinburg	
GPE	Kazan	
GPE	Nizhny Novgorod	
GPE	Rostov-on-Don	Rostov
GPE	Volgograd	Stalingrad
GPE	Sochi	
GPE	Kaliningrad	
GPE	Vladivostok	
GPE	Belgorod	
GPE	Kursk	
GPE	Grozny	
GPE	Sevastopol	
GPE	Kharkiv	Kharkov
GPE	Odesa	Odessa
GPE	Lviv	Lvov
GPE	Dnipro	Dnipropetrovsk
GPE	Donetsk	
GPE	Luhansk	Lugansk
GPE	Mariupol	
GPE	Zaporizhzhia	Zaporizhzhya|Zaporozhye
GPE	Kherson	
GPE	Bakhmut	
# Middle East and North Africa
GPE	Aleppo	
GPE	Homs	
GPE	Hama	
GPE	Latakia	
GPE	Idlib	
GPE	Raqqa	Raqqah
GPE	Deir ez-Zor	Deir el-Zour|Deir ez-Zour|Deir al-Zor
GPE	Daraa	Deraa
GPE	Mosul	
GPE	Basra	
GPE	Erbil	Arbil
GPE	Kirkuk	
GPE	Najaf	
GPE	Karbala	
GPE	Fallujah	Falluja
GPE	Ramadi	
GPE	Tel Aviv	
GPE	Haifa	
GPE	Khan Younis	Khan Yunis
GPE	Rafah	
GPE	Jenin	
GPE	Nablus	
GPE	Hebron	
GPE	Bethlehem	
GPE	Jeddah	Jiddah
GPE	Mecca	Makkah
GPE	Medina	
GPE	Dammam	
GPE	Dubai	
GPE	Sharjah	
GPE	Aden	
GPE	Hodeidah	Hudaydah
GPE	Mashhad	
GPE	Isfahan	Esfahan
GPE	Tabriz	
GPE	Shiraz	
GPE	Karaj	
GPE	Qom	
GPE	Ahvaz	
GPE	Alexandria	
GPE	Giza	
GPE	Port Said	
GPE	Sharm el-Sheikh	
GPE	Benghazi	
GPE	Misrata	Misurata
GPE	Casablanca	
GPE	Marrakesh	Marrakech
# Sub-Saharan Africa
GPE	Lagos	
GPE	Kano	
GPE	Ibadan	
GPE	Port Harcourt	
GPE	Maiduguri	
GPE	Abidjan	
GPE	Dar es Salaam	
GPE	Zanzibar	
GPE	Johannesburg	
GPE	Durban	
GPE	Mombasa	
GPE	Omdurman	
GPE	Port Sudan	
GPE	Douala	
GPE	Lubumbashi	
GPE	Goma	
GPE	Kumasi	
GPE	Bujumbura	
GPE	Cotonou	
GPE	Mbuji-Mayi	
# South and Central Asia
GPE	Mumbai	Bombay
GPE	Delhi	
GPE	Kolkata	Calcutta
GPE	Chennai	Madras
GPE	Bengaluru	Bangalore
GPE	Hyderabad	
GPE	Ahmedabad	
GPE	Pune	
GPE	Surat	
GPE	Jaipur	
GPE	Lucknow	
GPE	Kanpur	
GPE	Nagpur	
GPE	Indore	
GPE	Bhopal	
GPE	Patna	
GPE	Vadodara	
GPE	Ludhiana	
GPE	Agra	
GPE	Varanasi	
GPE	Visakhapatnam	
GPE	Kochi	Cochin
GPE	Coimbatore	
GPE	Amritsar	
GPE	Srinagar	
GPE	Karachi	
GPE	Lahore	
GPE	Faisalabad	
GPE	Rawalpindi	
GPE	Multan	
GPE	Gujranwala	
GPE	Peshawar	
GPE	Quetta	
GPE	Chittagong	Chattogram
GPE	Kandahar	
GPE	Herat	
GPE	Jalalabad	
GPE	Mazar-i-Sharif	Mazar-e-Sharif
GPE	Almaty	Alma-Ata
# East and Southeast Asia
GPE	Shanghai	
GPE	Chongqing	
GPE	Tianjin	
GPE	Guangzhou	Canton
GPE	Shenzhen	
GPE	Chengdu	
GPE	Wuhan	
GPE	Nanjing	Nanking
GPE	Xi'an	Xian|Xi’an
GPE	Hangzhou	
GPE	Shenyang	
GPE	Harbin	
GPE	Zhengzhou	
GPE	Dongguan	
GPE	Foshan	
GPE	Qingdao	
GPE	Dalian	
GPE	Jinan	
GPE	Changsha	
GPE	Kunming	
GPE	Suzhou	
GPE	Hefei	
GPE	Fuzhou	
GPE	Xiamen	
GPE	Ningbo	
GPE	Shijiazhuang	
GPE	Changchun	
GPE	Taiyuan	
GPE	Nanning	
GPE	Ürümqi	Urumqi
GPE	Lanzhou	
GPE	Guiyang	
GPE	Wuxi	
GPE	Nanchang	
GPE	Lhasa	
GPE	Shantou	
GPE	Xuzhou	
GPE	Changzhou	
GPE	Wenzhou	
GPE	Tangshan	
GPE	Quanzhou	
GPE	Yantai	
GPE	Zibo	
GPE	Luoyang	
GPE	New Taipei	New Taipei City
GPE	Kaohsiung	
GPE	Taichung	
GPE	Osaka	
GPE	Yokohama	
GPE	Nagoya	
GPE	Sapporo	
)lex"
    R"lex(GPE	Fukuoka	
GPE	Kobe	
GPE	Kyoto	
GPE	Hiroshima	
GPE	Nagasaki	
GPE	Fukushima	
GPE	Okinawa	
GPE	Busan	Pusan
GPE	Incheon	
GPE	Daegu	
GPE	Ho Chi Minh City	Saigon
GPE	Haiphong	Hai Phong
GPE	Da Nang	Danang
GPE	Yangon	Rangoon
GPE	Mandalay	
GPE	Surabaya	
GPE	Bandung	
GPE	Medan	
GPE	Semarang	
GPE	Bekasi	
GPE	Tangerang	
GPE	Depok	
GPE	Bali	
GPE	Quezon City	
GPE	Davao	Davao City
GPE	Cebu	Cebu City
# Oceania
GPE	Sydney	
GPE	Melbourne	
GPE	Brisbane	
GPE	Perth	
GPE	Auckland	
GPE	Christchurch	
# Continents, regions, seas and other places that are not political units.
LOC	Africa	
LOC	Asia	
LOC	Europe	
LOC	North America	
LOC	South America	
LOC	Latin America	
LOC	Central America	
LOC	Antarctica	Antarctic
LOC	Oceania	
LOC	Australasia	
LOC	Eurasia	
LOC	Middle East	Mideast
LOC	Near East	
LOC	Far East	
LOC	Gulf	Persian Gulf|Arabian Gulf
LOC	Balkans	Western Balkans
LOC	Caucasus	South Caucasus
LOC	North Caucasus	
LOC	Arctic	Arctic Ocean
LOC	Sahel	
LOC	Sahara	Sahara Desert
LOC	Mediterranean	Mediterranean Sea
LOC	Maghreb	
LOC	Levant	
LOC	Horn of Africa	
LOC	Sub-Saharan Africa	sub-Saharan Africa
LOC	West Africa	
LOC	East Africa	
LOC	North Africa	
LOC	Southern Africa	
LOC	Central Africa	
LOC	Great Lakes	
LOC	Central Asia	
LOC	South Asia	
LOC	Southeast Asia	South-East Asia|South East Asia
LOC	East Asia	
LOC	Asia-Pacific	Asia Pacific
LOC	Indo-Pacific	
LOC	Eastern Europe	
LOC	Western Europe	
LOC	Central Europe	
LOC	Northern Europe	
LOC	Southern Europe	
LOC	Scandinavia	
LOC	Baltics	Baltic states
LOC	Caribbean	
LOC	Pacific	Pacific Ocean
LOC	Atlantic	Atlantic Ocean
LOC	Indian Ocean	
LOC	Black Sea	
LOC	Caspian Sea	Caspian
LOC	Red Sea	
LOC	Dead Sea	
LOC	Baltic Sea	
LOC	North Sea	
LOC	South China Sea	
LOC	East China Sea	
LOC	Sea of Japan	
LOC	Sea of Azov	
LOC	Aegean Sea	Aegean
LOC	Adriatic	Adriatic Sea
LOC	Arabian Sea	
LOC	Gulf of Aden	
LOC	Gulf of Oman	
LOC	Gulf of Mexico	Gulf of America
LOC	Strait of Hormuz	
LOC	Bab el-Mandeb	
LOC	Taiwan Strait	
LOC	Bosphorus	
LOC	English Channel	
LOC	Korean Peninsula	
LOC	Arabian Peninsula	
LOC	Sinai	Sinai Peninsula
LOC	Golan Heights	Golan
LOC	Donbas	Donbass
LOC	Siberia	
LOC	Himalayas	
LOC	Alps	
LOC	Andes	
LOC	Nile	Nile River
LOC	Euphrates	
LOC	Tigris	
LOC	Danube	
LOC	Rhine	
LOC	Mekong	
LOC	Yangtze	
LOC	Amazon rainforest	
LOC	North Pole	
LOC	South Pole	
LOC	Midwest	
LOC	Silicon Valley	
# Facilities that stand for themselves in news text.
FAC	Suez Canal	
FAC	Panama Canal	
FAC	Zaporizhzhia nuclear plant	Zaporizhzhia Nuclear Power Plant
FAC	Al-Aqsa Mosque	al-Aqsa Mosque|Al-Aqsa|al-Aqsa
FAC	Temple Mount	
FAC	Western Wall	
FAC	Capitol	Capitol Hill|U.S. Capitol|US Capitol
FAC	Red Square	
FAC	Tiananmen Square	Tiananmen
FAC	Nord Stream	
FAC	Kerch Bridge	Crimean Bridge
FAC	Heathrow	Heathrow Airport
FAC	Ben Gurion Airport	
# Nationalities: the adjective, with plurals and nouns for people as aliases.
NORP	Afghan	Afghans
NORP	Albanian	Albanians
NORP	Algerian	Algerians
NORP	Andorran	Andorrans
NORP	Angolan	Angolans
NORP	Antiguan	Antiguans
NORP	Argentine	Argentines|Argentinian|Argentinians|Argentinean|Argentineans
NORP	Armenian	Armenians
NORP	Australian	Australians|Aussie|Aussies
NORP	Austrian	Austrians
NORP	Azerbaijani	Azerbaijanis|Azeri|Azeris
NORP	Bahamian	Bahamians
NORP	Bahraini	Bahrainis
NORP	Bangladeshi	Bangladeshis
NORP	Barbadian	Barbadians|Bajan|Bajans
NORP	Belarusian	Belarusians|Belarussian|Belarussians
NORP	Belgian	Belgians
NORP	Belizean	Belizeans
NORP	Beninese	
NORP	Bhutanese	
NORP	Bolivian	Bolivians
NORP	Bosnian	Bosnians
NORP	Botswanan	Motswana|Batswana
NORP	Brazilian	Brazilians
NORP	Bruneian	Bruneians
NORP	Bulgarian	Bulgarians
NORP	Burkinabe	Burkinabè
NORP	Burundian	Burundians
NORP	Cape Verdean	Cape Verdeans|Cabo Verdean|Cabo Verdeans
NORP	Cambodian	Cambodians
NORP	Cameroonian	Cameroonians
NORP	Canadian	Canadians
NORP	Central African	Central Africans
NORP	Chadian	Chadians
NORP	Chilean	Chileans
NORP	Chinese	
NORP	Colombian	Colombians
NORP	Comoran	Comorans|Comorian|Comorians
# Both Congos.
NORP	Congolese	
NORP	Costa Rican	Costa Ricans
NORP	Ivorian	Ivorians
NORP	Croatian	Croatians|Croat|Croats
NORP	Cuban	Cubans
NORP	Cypriot	Cypriots
NORP	Greek Cypriot	Greek Cypriots
NORP	Turkish Cypriot	Turkish Cypriots
NORP	Czech	Czechs
NORP	Danish	Dane|Danes
NORP	Djiboutian	Djiboutians
# "Dominican" is taken for the Dominican Republic; Dominica's demonym is the same word.
NORP	Dominican	Dominicans
NORP	Ecuadorian	Ecuadorians|Ecuadorean|Ecuadoreans
NORP	Egyptian	Egyptians
NORP	Salvadoran	Salvadorans|Salvadorean|Salvadoreans
NORP	Equatorial Guinean	Equatorial Guineans|Equatoguinean|Equatoguineans
NORP	Eritrean	Eritreans
NORP	Estonian	Estonians
NORP	Swazi	Swazis
NORP	Ethiopian	Ethiopians
NORP	Fijian	Fijians
NORP	Finnish	Finn|Finns
NORP	French	Frenchman|Frenchmen|Frenchwoman|Frenchwomen
NORP	Gabonese	
NORP	Gambian	Gambians
NORP	Georgian	Georgians
NORP	German	Germans
NORP	Ghanaian	Ghanaians
NORP	Greek	Greeks
NORP	Grenadian	Grenadians
NORP	Guatemalan	Guatemalans
NORP	Guinean	Guineans
NORP	Bissau-Guinean	Bissau-Guineans
NORP	Guyanese	
NORP	Haitian	Haitians
NORP	Honduran	Hondurans
NORP	Hungarian	Hungarians
NORP	Icelandic	Icelander|Icelanders
NORP	Indian	Indians
NORP	Indonesian	Indonesians
NORP	Iranian	Iranians
NORP	Iraqi	Iraqis
NORP	Irish	Irishman|Irishmen|Irishwoman|Irishwomen
NORP	Israeli	Israelis
NORP	Italian	Italians
NORP	Jamaican	Jamaicans
NORP	Japanese	
NORP	Jordanian	Jordanians
NORP	Kazakh	Kazakhs|Kazakhstani|Kazakhstanis
NORP	Kenyan	Kenyans
NORP	I-Kiribati	
NORP	Kuwaiti	Kuwaitis
NORP	Kyrgyz	Kyrgyzstani|Kyrgyzstanis
NORP	Laotian	Laotians|Lao
NORP	Latvian	Latvians
NORP	Lebanese	
NORP	Basotho	Mosotho
NORP	Liberian	Liberians
NORP	Libyan	Libyans
NORP	Liechtensteiner	Liechtensteiners
NORP	Lithuanian	Lithuanians
NORP	Luxembourgish	Luxembourger|Luxembourgers
NORP	Malagasy	
NORP	Malawian	Malawians
NORP	Malaysian	Malaysians
NORP	Maldivian	Maldivians
NORP	Malian	Malians
NORP	Maltese	
NORP	Marshallese	
NORP	Mauritanian	Mauritanians
NORP	Mauritian	Mauritians
NORP	Mexican	Mexicans
NORP	Micronesian	Micronesians
NORP	Moldovan	Moldovans
NORP	Monegasque	Monegasques
NORP	Mongolian	Mongolians
NORP	Montenegrin	Montenegrins
NORP	Moroccan	Moroccans
NORP	Mozambican	Mozambicans
NORP	Burmese	
NORP	Namibian	Namibians
NORP	Nauruan	Nauruans
NORP	Nepali	Nepalis|Nepalese
NORP	Dutch	Dutchman|Dutchmen|Dutchwoman
NORP	New Zealander	New Zealanders|Kiwi|Kiwis
NORP	Nicaraguan	Nicaraguans
NORP	Nigerien	Nigeriens
NORP	Nigerian	Nigerians
NORP	Korean	Koreans
NORP	North Korean	North Koreans
NORP	South Korean	South Koreans
NORP	Macedonian	Macedonians|North Macedonian|North Macedonians
NORP	Norwegian	Norwegians
NORP	Omani	Omanis
NORP	Pakistani	Pakistanis
NORP	Palauan	Palauans
NORP	Panamanian	Panamanians
NORP	Papua New Guinean	Papua New Guineans
NORP	Paraguayan	Paraguayans
NORP	Peruvian	Peruvians
NORP	Filipino	Filipinos|Filipina|Filipinas|Philippine
NORP	Polish	Pole|Poles
NORP	Portuguese	
NORP	Qatari	Qataris
NORP	Romanian	Romanians
NORP	Russian	Russians
NORP	Rwandan	Rwandans
NORP	Kittitian	Kittitians|Nevisian|Nevisians
NORP	Saint Lucian	Saint Lucians|St. Lucian|St Lucian
NORP	Vincentian	Vincentians
NORP	Samoan	Samoans
NORP	Sammarinese	
NORP	Santomean	Santomeans
NORP	Saudi	Saudis|Saudi Arabian|Saudi Arabians
NORP	Senegalese	
NORP	Serbian	Serbians|Serb|Serbs
NORP	Seychellois	
NORP	Sierra Leonean	Sierra Leoneans
NORP	Singaporean	Singaporeans
NORP	Slovak	Slovaks|Slovakian|Slovakians
NORP	Slovenian	Slovenians|Slovene|Slovenes
NORP	Solomon Islander	Solomon Islanders
NORP	Somali	Somalis
NORP	South African	South Africans
NORP	Sudanese	
NORP	South Sudanese	
NORP	Spanish	Spaniard|Spaniards
NORP	Sri Lankan	Sri Lankans
NORP	Surinamese	
NORP	Swedish	Swede|Swedes
NORP	Swiss	
NORP	Syrian	Syrians
NORP	Tajik	Tajiks|Tajikistani|Tajikistanis
NORP	Tanzanian	Tanzanians
NORP	Thai	Thais
NORP	Timorese	East Timorese
NORP	Togolese	
NORP	Tongan	Tongans
NORP	Trinidadian	Trinidadians|Tobagonian|Tobagonians
NORP	Tunisian	Tunisians
NORP	Turkish	Turk|Turks
NORP	Turkmen	Turkmens|Turkmenistani
NORP	Tuvaluan	Tuvaluans
NORP	Ugandan	Ugandans
NORP	Ukrainian	Ukrainians
NORP	Emirati	Emiratis
NORP	British	Briton|Britons|Brit|Brits
NORP	American	Americans
NORP	Uruguayan	Uruguayans
NORP	Uzbek	Uzbeks|Uzbekistani|Uzbekistanis
NORP	Ni-Vanuatu	
NORP	Venezuelan	Venezuelans
NORP	Vietnamese	
NORP	Yemeni	Yemenis
NORP	Zambian	Zambians
NORP	Zimbabwean	Zimbabweans
NORP	Palestinian	Palestinians
NORP	Gazan	Gazans
NORP	Taiwanese	
NORP	Kosovar	Kosovars|Kosovan|Kosovans
NORP	Soviet	Soviets
NORP	Scottish	Scot|Scots
NORP	Welsh	Welshman|Welshmen|Welshwoman
NORP	Northern Irish	
NORP	Hong Konger	Hong Kongers
NORP	Puerto Rican	Puerto Ricans
NORP	Texan	Texans
NORP	Californian	Californians
NORP	Floridian	Floridians
NORP	Greenlandic	Greenlanders
NORP	Catalan	Catalans
NORP	Basque	Basques
NORP	Flemish	
NORP	Walloon	Walloons
NORP	Quebecer	Quebecers|Québécois
# Continental, regional and ethnic groups.
NORP	European	Europeans
NORP	African	Africans
NORP	Asian	Asians
NORP	Arab	Arabs
NORP	Latin American	Latin Americans
NORP	Hispanic	Hispanics
NORP	Latino	Latinos|Latina|Latinas
NORP	African American	African Americans|African-American|African-Americans
NORP	Asian American	Asian Americans|Asian-American|Asian-Americans
NORP	Native American	Native Americans
NORP	Middle Eastern	
NORP	Kurdish	Kurd|Kurds
NORP	Pashtun	Pashtuns
NORP	Baloch	Baluch
NORP	Hazara	Hazaras
NORP	Uyghur	Uyghurs|Uighur|Uighurs
NORP	Tibetan	Tibetans
NORP	Rohingya	
NORP	Tamil	Tamils
NORP	Chechen	Chechens
NORP	Tatar	Tatars
NORP	Berber	Berbers|Amazigh
NORP	Tuareg	Tuaregs
NORP	Bedouin	Bedouins
NORP	Hutu	Hutus
NORP	Tutsi	Tutsis
NORP	Igbo	Ibo
NORP	Yoruba	
NORP	Hausa	
NORP	Fulani	
NORP	Amhara	
NORP	Oromo	
NORP	Tigrayan	Tigrayans
NORP	Zulu	Zulus
NORP	Maori	Māori
# Religious groups.
NORP	Muslim	Muslims|Moslem|Moslems
NORP	Islamic	
NORP	Islamist	Islamists
NORP	Christian	Christians
NORP	Catholic	Catholics|Roman Catholic|Roman Catholics
NORP	Protestant	Protestants
NORP	Evangelical	Evangelicals
NORP	Orthodox	
NORP	Anglican	Anglicans
NORP	Baptist	Baptists
NORP	Lutheran	Lutherans
NORP	Methodist	Methodists
NORP	Mormon	Mormons
NORP	Coptic	Copt|Copts
NORP	Maronite	Maronites
NORP	Jewish	Jew|Jews
NORP	Sunni	Sunnis
NORP	Shia	Shiite|Shiites|Shi'ite|Shi'ites|Shias|Shi’ite|Shi’ites
NORP	Alawite	Alawites
NORP	Druze	Druse
NORP	Yazidi	Yazidis|Yezidi|Yezidis
NORP	Salafi	Salafis|Salafist|Salafists
NORP	Sufi	Sufis
NORP	Hindu	Hindus
NORP	Sikh	Sikhs
NORP	Buddhist	Buddhists
NORP	Zionist	Zionists
# Political groups.
NORP	Democrat	Democrats
NORP	Republican	Republicans
NORP	Conservative	Conservatives|Tory|Tories
NORP	Labour	
NORP	Christian Democrat	Christian Democrats
NORP	Social Democrat	Social Democrats
NORP	Socialist	Socialists
NORP	Communist	Communists
NORP	Marxist	Marxists
NORP	Maoist	Maoists
NORP	Bolshevik	Bolsheviks
NORP	Nazi	Nazis|Neo-Nazi|Neo-Nazis|neo-Nazi|neo-Nazis
NORP	Brexiteer	Brexiteers|Brexiter|Brexiters
# International organisations. "Security Council" and "General Assembly" are left out on
# purpose: the annotator finds "UN Security Council" and the like itself.
ORG	United Nations	UN|U.N.
ORG	NATO	North Atlantic Treaty Organization|North Atlantic Treaty Organisation|Nato
ORG	European Union	EU|E.U.
ORG	European Commission	
ORG	European Parliament	
ORG	European Council	
ORG	Council of the European Union	
ORG	European Central Bank	ECB
ORG	European Court of Justice	ECJ
ORG	European Court of Human Rights	ECHR
ORG	European Investment Bank	EIB
ORG	Council of Europe	
ORG	Organization for Security and Co-operation in Europe	OSCE|Organization for Security and Cooperation in Europe
ORG	World Health Organization	WHO|World Health Organisation
ORG	International Monetary Fund	IMF
ORG	World Bank	
ORG	World Trade Organization	WTO|World Trade Organisation
ORG	Organization of the Petroleum Exporting Countries	OPEC|Organisation of the Petroleum Exporting Countries
ORG	Organisation for Economic Co-operation and Development	OECD|Organization for Economic Cooperation and Development
ORG	Association of Southeast Asian Nations	ASEAN|Asean
ORG	Asia-Pacific Economic Cooperation	APEC
ORG	African Union	AU
ORG	Arab League	League of Arab States
ORG	Gulf Cooperation Council	GCC
ORG	Organisation of Islamic Cooperation	OIC|Organization of Islamic Cooperation
ORG	Organization of American States	OAS
ORG	Economic Community of West African States	ECOWAS
ORG	Southern African Development Community	SADC
ORG	Shanghai Cooperation Organisation	SCO|Shanghai Cooperation Organization
ORG	Collective Security Treaty Organization	CSTO
ORG	Commonwealth of Independent States	CIS
ORG	Commonwealth	Commonwealth of Nations
ORG	BRICS	
ORG	Mercosur	
ORG	G7	G-7|Group of Seven
ORG	G8	G-8|Group of Eight
ORG	G20	G-20|Group of 20|Group of Twenty
ORG	Interpol	
ORG	Europol	
ORG	Frontex	
ORG	International Criminal Court	ICC
ORG	International Court of Justice	ICJ
ORG	International Atomic Energy Agency	IAEA
ORG	Organisation for the Prohibition of Chemical Weapons	OPCW|Organization for the Prohibition of Chemical Weapons
ORG	International Energy Agency	IEA
ORG	International Labour Organization	ILO|International Labor Organization
ORG	Food and Agriculture Organization	FAO
ORG	World Food Programme	WFP|World Food Program
ORG	UNICEF	
ORG	UNESCO	
ORG	UNHCR	UN Refugee Agency|U.N. Refugee Agency
ORG	UNRWA	
ORG	UNDP	United Nations Development Programme
ORG	UNFPA	
ORG	OCHA	
ORG	UNIFIL	
ORG	World Meteorological Organization	WMO
ORG	Intergovernmental Panel on Climate Change	IPCC
ORG	International Organization for Migration	IOM
ORG	Asian Development Bank	ADB
ORG	African Development Bank	AfDB
ORG	European Bank for Reconstruction and Development	EBRD
ORG	Asian Infrastructure Investment Bank	AIIB
ORG	Bank for International Settlements	BIS
ORG	World Economic Forum	WEF
ORG	Red Cross	International Red Cross
ORG	International Committee of the Red Cross	ICRC
ORG	Red Crescent	
ORG	Amnesty International	
ORG	Human Rights Watch	HRW
ORG	Doctors Without Borders	Médecins Sans Frontières|Medecins Sans Frontieres|MSF
ORG	Reporters Without Borders	RSF|Reporters Sans Frontières
ORG	Committee to Protect Journalists	CPJ
ORG	Transparency International	
ORG	Greenpeace	
ORG	Oxfam	
ORG	Save the Children	
ORG	International Crisis Group	
ORG	Syrian Observatory for Human Rights	
ORG	White Helmets	
ORG	WikiLeaks	
ORG	FIFA	
ORG	UEFA	
ORG	International Olympic Committee	IOC
ORG	World Anti-Doping Agency	WADA
# News agencies and outlets.
ORG	Reuters	
ORG	Associated Press	AP
ORG	Agence France-Presse	AFP|Agence France Presse
ORG	Bloomberg	Bloomberg News
ORG	RIA Novosti	RIA
ORG	TASS	Tass|ITAR-TASS
ORG	Interfax	
ORG	Sputnik	
ORG	RT	Russia Today
ORG	Xinhua	Xinhua News Agency
ORG	CCTV	
ORG	Global Times	
ORG	People's Daily	People’s Daily
ORG	Kyodo	Kyodo News
ORG	NHK	
ORG	Yonhap	
ORG	KCNA	Korean Central News Agency
ORG	IRNA	
ORG	Press TV	
ORG	Fars	Fars News Agency
ORG	Tasnim	Tasnim News Agency
ORG	SANA	Syrian Arab News Agency
ORG	Anadolu	Anadolu Agency
ORG	Al Jazeera	Aljazeera|Al-Jazeera
ORG	Al Arabiya	Al-Arabiya
ORG	BBC	British Broadcasting Corporation
ORG	Sky News	
ORG	ITV	
ORG	Deutsche Welle	DW
)lex"
    R"lex(ORG	Euronews	
ORG	France 24	
ORG	CNN	
ORG	Fox News	Fox News Channel
ORG	MSNBC	
ORG	CBS	CBS News
ORG	NBC	NBC News
ORG	ABC	ABC News
ORG	NPR	
ORG	PBS	
ORG	The New York Times	New York Times|NYT
ORG	The Washington Post	Washington Post
ORG	The Wall Street Journal	Wall Street Journal|WSJ
ORG	USA Today	
ORG	Los Angeles Times	LA Times|L.A. Times
ORG	Politico	
ORG	Axios	
ORG	Newsweek	
ORG	The Economist	
ORG	Financial Times	FT
ORG	The Guardian	Guardian
ORG	The Times	
ORG	The Daily Telegraph	Daily Telegraph|The Telegraph|Telegraph
ORG	Daily Mail	
ORG	The Independent	
ORG	Le Monde	
ORG	Le Figaro	
ORG	Der Spiegel	Spiegel
ORG	Bild	
ORG	Frankfurter Allgemeine Zeitung	FAZ
ORG	Süddeutsche Zeitung	Suddeutsche Zeitung
ORG	El País	El Pais
ORG	Corriere della Sera	
ORG	Kommersant	
ORG	Izvestia	
ORG	Pravda	
ORG	Haaretz	
ORG	The Jerusalem Post	Jerusalem Post
ORG	The Times of Israel	Times of Israel
ORG	Times of India	The Times of India
ORG	South China Morning Post	SCMP
ORG	Asahi Shimbun	Asahi
ORG	Nikkei	
# United States institutions.
ORG	White House	
ORG	Pentagon	Department of Defense|Defense Department|U.S. Defense Department|Department of War|War Department
ORG	State Department	Department of State|U.S. State Department|US State Department
ORG	Justice Department	Department of Justice|U.S. Justice Department|DOJ
ORG	U.S. Treasury	US Treasury|Treasury Department|Department of the Treasury
ORG	Department of Homeland Security	Homeland Security Department|DHS
ORG	Congress	U.S. Congress|US Congress
ORG	Senate	U.S. Senate|US Senate
ORG	House of Representatives	U.S. House of Representatives|US House of Representatives|U.S. House
ORG	Supreme Court	U.S. Supreme Court|US Supreme Court
ORG	Federal Reserve	Fed|U.S. Federal Reserve
ORG	FBI	Federal Bureau of Investigation
ORG	CIA	Central Intelligence Agency
ORG	NSA	National Security Agency
ORG	NASA	
ORG	Secret Service	U.S. Secret Service
ORG	Environmental Protection Agency	EPA
ORG	Food and Drug Administration	FDA
ORG	Centers for Disease Control and Prevention	CDC
ORG	Securities and Exchange Commission	SEC
ORG	Federal Aviation Administration	FAA
ORG	Immigration and Customs Enforcement	ICE
ORG	Drug Enforcement Administration	DEA
ORG	Internal Revenue Service	IRS
ORG	Joint Chiefs of Staff	
ORG	Democratic Party	
ORG	Republican Party	GOP|Grand Old Party
ORG	Democratic National Committee	DNC
ORG	Republican National Committee	RNC
# Other governments' institutions and parties.
ORG	Kremlin	
ORG	Downing Street	
ORG	Élysée	Elysee|Élysée Palace|Elysee Palace
ORG	Bundestag	
ORG	State Duma	Duma
ORG	Knesset	
ORG	FSB	
ORG	KGB	
ORG	GRU	
ORG	MI5	
ORG	MI6	
ORG	Mossad	
ORG	Shin Bet	
ORG	Israel Defense Forces	IDF
ORG	Islamic Revolutionary Guard Corps	IRGC|Revolutionary Guards|Revolutionary Guard
ORG	Bank of England	
ORG	Bank of Japan	BOJ
ORG	People's Bank of China	PBOC|People’s Bank of China
ORG	Bundesbank	
ORG	Communist Party of China	Chinese Communist Party|CCP|CPC
ORG	National People's Congress	National People’s Congress
ORG	United Russia	
ORG	Labour Party	
ORG	Conservative Party	Tory party|Tory Party
ORG	Liberal Democrats	Lib Dems
ORG	Scottish National Party	SNP
ORG	Reform UK	
ORG	Sinn Féin	Sinn Fein
ORG	Democratic Unionist Party	DUP
ORG	Christian Democratic Union	CDU
ORG	SPD	Social Democratic Party of Germany
ORG	Alternative for Germany	AfD
ORG	National Rally	Rassemblement National
ORG	Bharatiya Janata Party	BJP
ORG	Indian National Congress	Congress party|Congress Party
ORG	African National Congress	ANC
ORG	Likud	
ORG	Justice and Development Party	AKP|AK Party
ORG	Baath Party	Ba'ath Party|Ba’ath Party
ORG	Palestinian Authority	
ORG	Palestine Liberation Organization	PLO
ORG	Fatah	
ORG	Muslim Brotherhood	
# Armed groups.
ORG	Hamas	
ORG	Hezbollah	Hizbollah|Hizballah|Hizbullah
ORG	Islamic Jihad	Palestinian Islamic Jihad
ORG	Taliban	
ORG	al-Qaeda	al Qaeda|Al Qaeda|Al-Qaeda|al-Qaida|al Qaida|Al-Qaida
ORG	Islamic State	ISIS|ISIL|Daesh
ORG	Boko Haram	
ORG	al-Shabaab	al-Shabab|Al-Shabaab|Al-Shabab|al Shabaab|Al Shabaab
ORG	Houthis	Houthi|Ansar Allah
ORG	Kurdistan Workers' Party	PKK|Kurdistan Workers Party|Kurdistan Workers’ Party
ORG	YPG	
ORG	Syrian Democratic Forces	SDF
ORG	Free Syrian Army	FSA
ORG	Hayat Tahrir al-Sham	HTS
ORG	Nusra Front	al-Nusra Front|Jabhat al-Nusra
ORG	Wagner Group	Wagner
ORG	FARC	
ORG	Irish Republican Army	IRA
ORG	Ku Klux Klan	KKK
# Companies.
ORG	Google	
ORG	Alphabet	
ORG	Apple	
ORG	Microsoft	
ORG	Amazon	
ORG	Facebook	Meta|Meta Platforms
ORG	Instagram	
ORG	WhatsApp	
ORG	Twitter	
ORG	YouTube	
ORG	TikTok	
ORG	ByteDance	
ORG	Netflix	
ORG	Tesla	
ORG	SpaceX	
ORG	OpenAI	
ORG	Nvidia	
ORG	Intel	
ORG	IBM	
ORG	Samsung	
ORG	Sony	
ORG	Toyota	
ORG	Volkswagen	VW
ORG	General Motors	GM
ORG	Ford Motor	Ford Motor Company
ORG	Boeing	
ORG	Airbus	
ORG	Lockheed Martin	
ORG	Raytheon	
ORG	Huawei	
ORG	Alibaba	
ORG	Tencent	
ORG	Gazprom	
ORG	Rosneft	
ORG	Lukoil	
ORG	Saudi Aramco	Aramco
ORG	ExxonMobil	Exxon Mobil|Exxon
ORG	Chevron	
ORG	Shell	Royal Dutch Shell
ORG	BP	
ORG	Goldman Sachs	
ORG	JPMorgan	JPMorgan Chase|JP Morgan
ORG	Morgan Stanley	
ORG	Citigroup	
ORG	HSBC	
ORG	Barclays	
ORG	Deutsche Bank	
ORG	Pfizer	
ORG	Moderna	
ORG	BioNTech	
ORG	AstraZeneca	
ORG	Walmart	
ORG	Uber	
)lex";

// Female given names.
constexpr char kGivenNamesFemale[] =
    R"lex(Abigail
Ada
Adriana
Agnes
Aisha
Alejandra
Alexandra
Alice
Alicia
Alina
Alison
Allison
Alyssa
Amal
Amanda
Amelia
Amina
Amy
Ana
Anastasia
Angela
Angelina
Anita
Ann
Anna
Annalena
Anne
Annette
Antonia
Ashley
Asma
Avril
Ayesha
Barbara
Beatrice
Becky
Belinda
Benazir
Bernadette
Beth
Betsy
Betty
Beverly
Bianca
Brenda
Bridget
Brigitte
Britney
Brittany
Camila
Camilla
Carla
Carmen
Carol
Carolina
Caroline
Carolyn
Catherine
Cathy
Cecilia
Celine
Charlotte
Chelsea
Cheryl
Christina
Christine
Chrystia
Cindy
Claire
Clara
Claudia
Colleen
Condoleezza
Cristina
Cynthia
Daniela
Danielle
Daphne
Deborah
Debbie
Debra
Delphine
Denise
Diana
Diane
Dianne
Dilma
Dina
Dolores
Donna
Doris
Dorothy
Edith
Eleanor
Elena
Elisabeth
Elise
Eliza
Elizabeth
Ella
Ellen
Elly
Elsa
Elvira
Emilia
Emily
Emma
Erica
Erika
Erin
Esther
Eva
Evelyn
Fatima
Felicity
Fiona
Florence
Frances
Francesca
Gabriela
Gabrielle
Gina
Giorgia
Gisele
Gloria
Golda
Grace
Greta
Gretchen
Gwen
Hannah
Harriet
Hasina
Heather
Heidi
Helen
Helena
Hilary
Hillary
Ilhan
Indira
Ingrid
Irene
Irina
Iryna
Isabel
Isabella
Isabelle
Ivanka
Jacinda
Jacqueline
Jane
Janet
Janice
Jasmine
Jen
Jennifer
Jenny
Jessica
Jill
Joan
Joanna
Joanne
Josephine
Joyce
Judith
Judy
Julia
Julie
Juliet
Justine
Kaja
Kamala
Karen
Karin
Karine
Karoline
Kate
Katherine
Kathleen
Kathryn
Kathy
Katie
Katrin
Kayleigh
Kellyanne
Kelly
Kemi
Ketanji
Kimberly
Kirsten
Kristalina
Kristen
Kristi
Kristina
Kyrsten
Laura
Lauren
Layla
Leila
Lena
Liliana
Linda
Lisa
Liz
Lori
Lorraine
Louise
Lucia
Lucy
Ludmila
Lydia
Lynn
Madeleine
Madeline
Magdalena
Maia
Margaret
Margarita
Margot
Maria
Mariam
Marie
Marina
Marine
Marion
Marjorie
Marta
Martha
Mary
Maryam
Maxine
Megan
Meghan
Melania
Melanie
Melinda
Melissa
Mette
Mia
Michaela
Michelle
Miriam
Molly
Monica
Nadia
Nadine
Nancy
Naomi
Natalia
Natalie
Natasha
Nathalie
Ngozi
Nicole
Nikki
Nina
Nora
Oksana
Olena
Olga
Olivia
Oprah
Pam
Pamela
Patricia
Paula
Pauline
Penny
Philippa
Phyllis
Priti
Priya
Rachel
Rachida
Rania
Rashida
Rebecca
Rita
Roberta
Rosa
Rose
Rosemary
Ruth
Sabine
Sahra
Sally
Samantha
Samia
Sandra
Sanna
Sara
Sarah
Shabana
Sharon
Sheila
Shirin
Silvia
Sonia
Sophia
Sophie
Stacey
Stephanie
Suella
Susan
Susanne
Susie
Suzanne
Svetlana
Sviatlana
Sylvia
Tamara
Tammy
Tanya
Tatiana
Teresa
Theresa
Tiffany
Tina
Tracy
Tulsi
Ursula
Valentina
Valerie
Vanessa
Vera
Veronica
Victoria
Viktoria
Vivian
Wendy
Xiomara
Yasmin
Yolanda
Yulia
Yvette
Yvonne
Zainab
Zoe
Zuzana
)lex";

// Male given names.
constexpr char kGivenNamesMale[] =
    R"lex(Aaron
Abdel
Abdul
Abdullah
Abiy
Abubakar
Adam
Adrian
Ahmad
Ahmed
Alan
Alassane
Albert
Alberto
Aleksandar
Aleksandr
Alejandro
Alexander
Alexandre
Alexei
Alexey
Alexis
Alfred
Ali
Alistair
Amir
Amit
Anders
Andre
Andrei
Andrej
Andrew
Andrey
Andrés
Andriy
Andrzej
Andy
Angus
Anthony
Antonio
António
Antony
Anwar
Ariel
Arnold
Arthur
Ashraf
Asif
Avigdor
Ayman
Barack
Bashar
Ben
Benjamin
Benny
Bernard
Bernie
Bill
Billy
Bilawal
Bob
Bobby
Bola
Boris
Brad
Brandon
Brett
Brian
Bruce
Bruno
Bryan
Carl
Carlos
Charles
Charlie
Chris
Christopher
Chuck
Clarence
Claude
Colin
Craig
Cristiano
Cyril
Dan
Daniel
Danny
Darren
Dave
David
Denis
Dennis
Dick
Dmitri
Dmitry
Dmytro
Dominic
Don
Donald
Doug
Douglas
Duncan
Dwight
Ebrahim
Ed
Eddie
Edward
Ehud
Elon
Emmanuel
Emmerson
Enrique
Eric
Erik
Ernesto
Evan
Evgeny
Evo
Faisal
Fayez
Felipe
Felix
Félix
Ferdinand
Fernando
Fidel
Francis
Francisco
François
Francois
Frank
Frank-Walter
Franklin
Fred
Friedrich
Fumio
Gabriel
Gamal
Gary
Gavin
Geert
George
Gerald
Gerhard
Gideon
Giuseppe
Glenn
Gordon
Graham
Greg
Gregory
Guillermo
Gustavo
Hafez
Haider
Hamad
Hamid
Hans
Harold
Harry
Hassan
Hector
Helmut
Henry
Herbert
Horst
Hossein
Hosni
Howard
Hugh
Hugo
Humza
Hunter
Hussein
Ian
Ibrahim
Igor
Ilham
Imran
Isaac
Ismail
Itamar
Ivan
Iván
Jack
Jacob
Jacques
Jair
Jake
Jamal
James
Jared
Jaroslaw
Jason
Javad
Javier
Jay
Jean-Claude
Jean-Luc
Jean-Marie
Jean-Yves
Jeb
Jeff
Jeffrey
Jens
Jeremy
Jerome
Jerry
Jim
Jimmy
Joe
Joel
Johan
John
Johnny
Jon
Jonas
Jonathan
Jorge
José
Jose
Joseph
Josh
Joshua
Juan
Julian
Julius
Justin
Kais
Karl
Keir
Keith
Kemal
Ken
Kenneth
Kevin
Khaled
Khalid
Khalifa
Kurt
Kyle
Kylian
Kyriakos
Larry
Lars
Laurent
Lawrence
LeBron
Leo
Leon
Leonard
Leonardo
Lionel
Lloyd
Louis
Luca
Lucas
Luis
Luiz
Luke
Lyndon
Macky
Mahmoud
Malcolm
Manuel
Marco
Marcus
Mario
Mark
Markus
Martin
Marwan
Masoud
Mateusz
Matt
Matteo
Matthew
Maurice
Mauricio
Max
Michael
Michel
Miguel
Mike
Mikhail
Mitch
Mitt
Mohamed
Mohammad
Mohammed
Muammar
Muhammad
Muhammadu
Muqtada
Mustafa
Nabih
Naftali
Najib
Narendra
Nasser
Nathan
Nawaz
Nayib
Neil
Nelson
Nicholas
Nick
Nicolas
Nicolás
Nigel
Nikita
Nikol
Nikolai
Noah
Norman
Nouri
Novak
Olaf
Oleg
Oleksandr
Oleksiy
Oliver
Omar
Osama
Oscar
Otto
Owen
Pablo
Patrick
Paul
Pedro
Pervez
Pete
Peter
Petr
Petro
Philip
Philippe
Pierre
Qassem
Rafael
Rahul
Raila
Ralph
Ramzan
Rand
Raúl
Raul
Recep
Reza
Richard
Rick
Rishi
Rob
Robert
Rodrigo
Roger
Ron
Ronald
Rory
Rudy
Rupert
Russell
Rustem
Ryan
Saad
Sadiq
Saif
Sajid
Salman
Sam
Samuel
Satya
Scott
Sean
Sebastian
Sebastián
Sergei
Sergey
Sergio
Shavkat
Shehbaz
Shimon
Shinzo
Silvio
Simon
Stefan
Stephen
Steve
Steven
Stuart
Sundar
Tamim
Tariq
Ted
Terry
Thabo
Thomas
Tim
Timothy
Tom
Tommy
Tony
Uhuru
Ulf
Valery
Vladimir
Viktor
Victor
Vincent
Vitali
Vivek
Volodymyr
Walid
Walter
Warren
Wayne
Wes
William
Wolfgang
Xavier
Yahya
Yair
Yasser
Yevgeny
Yitzhak
Yoav
Yoweri
Yuri
Zachary
)lex";

// Capitalised titles that precede a person's name.
constexpr char kPersonTitles[] =
    R"lex(President
Vice President
Vice-President
President-elect
Vice President-elect
Prime Minister
Deputy Prime Minister
Premier
Chancellor
First Minister
Chief Minister
Taoiseach
Supreme Leader
Minister
Deputy Minister
Foreign Minister
Deputy Foreign Minister
Defense Minister
Defence Minister
Interior Minister
Finance Minister
Economy Minister
Economic Minister
Trade Minister
Energy Minister
Oil Minister
Health Minister
Justice Minister
Education Minister
Environment Minister
Agriculture Minister
Labor Minister
Labour Minister
Information Minister
Culture Minister
Transport Minister
Immigration Minister
Home Minister
Prime Minister-designate
Secretary
Secretary of State
Secretary-General
Secretary General
Deputy Secretary
Under Secretary
Undersecretary
Foreign Secretary
Home Secretary
Defence Secretary
Defense Secretary
Health Secretary
Treasury Secretary
Commerce Secretary
Energy Secretary
Labor Secretary
Interior Secretary
Education Secretary
Agriculture Secretary
Transportation Secretary
Homeland Security Secretary
War Secretary
Business Secretary
Culture Secretary
Environment Secretary
Press Secretary
Attorney General
Attorney-General
Solicitor General
National Security Adviser
National Security Advisor
Chief of Staff
Speaker
House Speaker
Majority Leader
Minority Leader
Opposition Leader
Ambassador
Special Envoy
Envoy
High Commissioner
Commissioner
Governor
Gov.
Lieutenant Governor
Lt. Gov.
Governor-General
Governor General
Mayor
Deputy Mayor
Senator
Sen.
Sens.
Representative
Rep.
Reps.
Congressman
Congresswoman
Assemblyman
Assemblywoman
Councilman
Councilwoman
Councillor
Councilor
Alderman
Judge
Justice
Chief Justice
Magistrate
Prosecutor
Chief Prosecutor
District Attorney
Sheriff
Police Chief
Chief Constable
Constable
Inspector
Detective
Det.
Superintendent
Supt.
Officer
Marshal
Field Marshal
General
Gen.
Lieutenant General
Lt. Gen.
Major General
Maj. Gen.
Brigadier General
Brig. Gen.
Brigadier
Colonel
Col.
Lieutenant Colonel
Lt. Col.
Major
Maj.
Captain
Capt.
Lieutenant
Lt.
Commander
Cmdr.
Cdr.
Admiral
Adm.
Vice Admiral
Vice Adm.
Rear Admiral
Rear Adm.
Commodore
Air Marshal
Air Chief Marshal
Sergeant
Sgt.
Staff Sergeant
Staff Sgt.
Corporal
Cpl.
Private
Pvt.
King
Queen
Prince
Princess
Crown Prince
Crown Princess
Emperor
Empress
Grand Duke
Grand Duchess
Duke
Duchess
Earl
Countess
Baron
Baroness
Lord
Lady
Sir
Dame
Sheikh
Sheik
Sheikha
Emir
Sultan
Pope
Cardinal
Archbishop
Bishop
Patriarch
Father
Fr.
Reverend
Rev.
Pastor
Rabbi
Imam
Ayatollah
Grand Ayatollah
Mullah
Monsignor
Msgr.
Sister
Deacon
Mr.
Mr
Mrs.
Mrs
Ms.
Ms
Miss
Mx.
Dr.
Dr
Doctor
Prof.
Professor
Madame
Mme
Monsieur
Herr
Frau
Chairman
Chairwoman
Chairperson
Chair
Vice Chairman
CEO
Chief Executive
Chief Executive Officer
CFO
Chief Financial Officer
COO
Chief Operating Officer
Managing Director
Director
Director-General
Director General
Executive Director
Deputy Director
Spokesman
Spokeswoman
Spokesperson
Coach
Manager
MP
MEP
First Lady
)lex";

// Lowercase role nouns that head an apposition or a descriptive speaker phrase.
constexpr char kPersonRoles[] =
    R"lex(spokesman
spokeswoman
spokesperson
spokesmen
spokeswomen
spokespeople
chairman
chairwoman
chairperson
chairmen
president
president-elect
premier
chancellor
minister
secretary
secretary-general
undersecretary
official
officer
representative
envoy
ambassador
diplomat
consul
delegate
negotiator
mediator
director
director-general
executive
chief
head
leader
founder
co-founder
owner
manager
commander
general
colonel
captain
lieutenant
sergeant
admiral
soldier
governor
mayor
senator
congressman
congresswoman
congressmen
lawmaker
legislator
parliamentarian
deputy
councillor
councilor
councilman
lawyer
attorney
prosecutor
judge
magistrate
barrister
solicitor
counsel
analyst
economist
strategist
researcher
scientist
professor
lecturer
academic
scholar
historian
expert
specialist
consultant
adviser
advisor
aide
assistant
counselor
counsellor
staffer
pollster
commentator
columnist
journalist
reporter
correspondent
editor
writer
author
broadcaster
activist
campaigner
advocate
organiser
organizer
protester
demonstrator
witness
eyewitness
resident
villager
citizen
voter
survivor
victim
relative
father
mother
son
daughter
brother
sister
wife
husband
widow
neighbour
neighbor
friend
colleague
employee
worker
farmer
trader
businessman
businesswoman
businessmen
entrepreneur
investor
banker
doctor
physician
surgeon
nurse
medic
teacher
student
priest
cleric
imam
rabbi
bishop
pastor
policeman
policemen
detective
investigator
inspector
commissioner
administrator
observer
coach
player
candidate
nominee
opponent
rival
critic
supporter
ally
member
militant
fighter
rebel
commander-in-chief
gunman
suspect
defendant
detainee
prisoner
hostage
refugee
migrant
source
king
queen
prince
princess
monarch
ruler
dictator
)lex";

// Last words that make a capitalised sequence an organisation.
constexpr char kOrgHeads[] =
    R"lex(Ministry
Ministries
Council
Councils
Committee
Commission
Agency
Agencies
Department
Party
Bank
Banks
Corporation
Corp.
Corp
Inc.
Inc
Ltd.
Ltd
LLC
PLC
Plc
Co.
Co
Company
Group
Holdings
University
College
Institute
Academy
School
Court
Tribunal
Parliament
Assembly
Congress
Senate
Legislature
Cabinet
Army
Navy
Force
Forces
Guard
Guards
Brigade
Brigades
Battalion
Regiment
Corps
Command
Police
Service
Services
Office
Union
Association
Organization
Organisation
Federation
Confederation
Alliance
Coalition
Front
Movement
League
Society
Foundation
Fund
Trust
Board
Authority
Bureau
Administration
Directorate
Secretariat
Center
Centre
Network
News
Times
Post
Journal
Herald
Tribune
Gazette
Telegraph
Chronicle
Daily
Press
Radio
Television
TV
Broadcasting
Magazine
Club
FC
F.C.
United
Airlines
Airways
Motors
Industries
Systems
Technologies
Pharmaceuticals
Partners
Capital
Securities
Exchange
Reserve
Church
Brotherhood
Caucus
Observatory
Watch
International
Mission
Delegation
Embassy
Consulate
Unit
Division
Media
Communications
)lex";

// Words that, following a name, make it a facility.
constexpr char kFacilityHeads[] =
    R"lex(airbase
air base
airfield
airport
base
military base
naval base
port
seaport
harbour
harbor
bridge
tunnel
canal
dam
prison
jail
detention centre
detention center
camp
refugee camp
stadium
arena
hospital
clinic
palace
square
tower
towers
building
hall
plant
power plant
power station
nuclear plant
nuclear power plant
reactor
refinery
pipeline
oilfield
gasfield
factory
shipyard
terminal
depot
warehouse
station
railway station
train station
crossing
border crossing
checkpoint
highway
motorway
expressway
road
street
avenue
boulevard
mosque
church
cathedral
basilica
chapel
temple
synagogue
shrine
monastery
museum
library
gallery
theatre
theater
hotel
mall
compound
barracks
fort
fortress
castle
citadel
monument
memorial
cemetery
gate
pier
Airbase
Air Base
Airport
International Airport
Base
Air Force Base
Naval Base
Port
Bridge
Tunnel
Canal
Dam
Prison
Jail
Stadium
Arena
Hospital
Palace
Square
Tower
Towers
Building
Hall
Power Plant
Power Station
Nuclear Power Plant
Refinery
Pipeline
Station
Terminal
Crossing
Highway
Motorway
Expressway
Road
Street
Avenue
Boulevard
Mosque
Cathedral
Basilica
Chapel
Temple
Synagogue
Shrine
Monastery
Museum
Library
Gallery
Theatre
Theater
Hotel
Mall
Barracks
Fort
Fortress
Castle
Citadel
Monument
Memorial
Cemetery
Gate
Pier
)lex";

// Capitalised words that are not names at the start of a sentence or alone
// (weekdays, months and number words are left out: they are dates and numbers).
constexpr char kNonNameWords[] =
    R"lex(The
A
An
This
That
These
Those
Such
Some
Any
No
Every
Each
Either
Neither
Both
All
Another
Other
Others
Many
Much
Most
More
Few
Fewer
Less
Least
Several
Various
Certain
Enough
Plenty
None
Nobody
Nothing
Nowhere
Everyone
Everybody
Everything
Everywhere
Someone
Somebody
Something
Somewhere
Anyone
Anybody
Anything
Anywhere
Whatever
Whoever
Whichever
Whenever
Wherever
I
Me
My
Mine
Myself
We
Us
Our
Ours
Ourselves
You
Your
Yours
Yourself
Yourselves
He
Him
His
Himself
She
Her
Hers
Herself
It
Its
Itself
They
Them
Their
Theirs
Themselves
Who
Whom
Whose
What
Which
Where
When
Why
How
Here
There
Elsewhere
In
On
At
By
For
From
To
With
Without
Within
Of
Off
Over
Under
Above
Below
Beneath
Underneath
Between
Among
Amongst
Amid
Amidst
Against
Along
Alongside
Across
Through
Throughout
Toward
Towards
Into
Onto
Upon
Out
Outside
Inside
Nearby
Beyond
Behind
Beside
Besides
Despite
During
Except
Like
Unlike
Since
Until
Till
Via
Per
Regarding
Concerning
Including
Excluding
Following
Notwithstanding
Around
About
After
Before
Up
Down
Past
Plus
Minus
Versus
And
But
Or
Nor
So
Yet
If
Unless
Because
Although
Though
While
Whilst
Whereas
Whether
Once
As
Than
Then
Now
Thus
Hence
Therefore
Accordingly
Consequently
Also
Too
Only
Even
Just
Still
Already
Again
Always
Never
Often
Sometimes
Usually
Rarely
Seldom
Ever
Soon
Later
Earlier
Recently
Lately
Previously
Currently
Presently
Meanwhile
Afterwards
Afterward
Eventually
Finally
Initially
Originally
Ultimately
Immediately
Suddenly
Gradually
Quickly
Slowly
However
Moreover
Furthermore
Nevertheless
Nonetheless
Instead
Rather
Otherwise
Indeed
Likewise
Similarly
Conversely
Additionally
Separately
Overall
Altogether
Anyway
Perhaps
Maybe
Probably
Possibly
Likely
Unlikely
Certainly
Surely
Clearly
Obviously
Apparently
Evidently
Reportedly
Allegedly
Supposedly
Seemingly
Officially
Publicly
Privately
Personally
Frankly
Honestly
Actually
Really
Basically
Essentially
Generally
Typically
Normally
Traditionally
Historically
Specifically
Particularly
Especially
Notably
Importantly
Interestingly
Curiously
Ironically
Fortunately
Unfortunately
Luckily
Sadly
Hopefully
Thankfully
Surprisingly
Unsurprisingly
Predictably
Understandably
Admittedly
Arguably
Undoubtedly
Inevitably
Increasingly
Nearly
Almost
Approximately
Roughly
Mostly
Largely
Partly
Mainly
Primarily
Merely
Simply
Exactly
Precisely
Absolutely
Completely
Entirely
Fully
Quite
Very
Well
Better
Best
Worse
Worst
Yes
Yeah
Nope
Oh
Ah
Aha
Hey
Hi
Hello
Goodbye
Bye
Okay
OK
Alright
Sure
Right
Wrong
Fine
Thanks
Thank
Please
Sorry
Pardon
Wow
Alas
Hmm
Um
Uh
Look
Listen
See
Say
Let
Is
Are
Was
Were
Be
Been
Being
Am
Do
Does
Did
Done
Doing
Have
Has
Had
Having
Can
Could
Might
Must
Shall
Should
Would
Ought
Need
Dare
Get
Got
Go
Going
Gone
Make
Making
Made
Take
Taking
Taken
Give
Given
Keep
Put
Come
Coming
Try
Stop
Wait
Remember
Imagine
Consider
Think
Know
Want
Asked
Asking
Speaking
Writing
Talking
Responding
Commenting
Addressing
Referring
Noting
Citing
Quoting
Describing
Explaining
Adding
Seeing
Looking
Judging
Based
Compared
Contrary
Prior
Due
Owing
Regardless
Irrespective
Apart
Aside
Whereby
Wherein
Thereby
Therein
Hereby
Herein
Not
Don't
Don’t
Doesn't
Doesn’t
Didn't
Didn’t
Isn't
Isn’t
Aren't
Aren’t
Wasn't
Wasn’t
Weren't
Weren’t
Can't
Can’t
Couldn't
Couldn’t
Won't
Won’t
Wouldn't
Wouldn’t
Shouldn't
Shouldn’t
Haven't
Haven’t
Hasn't
Hasn’t
Hadn't
Hadn’t
I'm
I’m
I've
I’ve
I'd
I’d
I'll
I’ll
We're
We’re
We've
We’ve
We'd
We’d
We'll
We’ll
You're
You’re
You've
You’ve
You'll
You’ll
They're
They’re
They've
They’ve
They'll
They’ll
Last
Next
Latest
Recent
Previous
Former
Late
Early
Current
Future
Same
Similar
Different
Own
Whole
Entire
Full
Final
Initial
Further
Additional
Extra
Key
Top
Senior
Junior
Acting
Interim
Official
Unofficial
Civilian
Small
Large
Huge
Minor
Good
Bad
Poor
Rich
Older
Oldest
Newer
Newest
Highest
Lowest
Larger
Largest
Smaller
Smallest
Bigger
Biggest
Greatest
Longer
Longest
False
Important
Possible
Impossible
Hard
Easy
Difficult
Clear
Unclear
Critical
Crucial
Strong
Weak
Closed
Alive
Officials
Authorities
Residents
Witnesses
Analysts
Experts
Critics
Supporters
Opponents
Protesters
Demonstrators
Troops
Soldiers
Militants
Rebels
Fighters
Insurgents
Gunmen
Investigators
Prosecutors
Lawmakers
Legislators
Diplomats
Ministers
Leaders
Members
Activists
Journalists
Observers
Officers
Medics
Nurses
Teachers
Students
Workers
Employees
Voters
Citizens
Families
Relatives
Children
Women
Men
Victims
Survivors
Migrants
Civilians
Sources
Reports
Figures
Prices
Shares
Stocks
Markets
Investors
Companies
Businesses
Governments
Talks
Negotiations
Efforts
Plans
Details
Questions
Concerns
Fears
Hopes
Tensions
Clashes
Fighting
Violence
Protests
Attacks
Strikes
Airstrikes
Shelling
Explosions
Casualties
Deaths
Injuries
Damage
Photo
Photos
Video
Videos
Image
Images
Picture
Pictures
Caption
File
Read
Related
Advertisement
Update
Updated
Reporting
Editing
Copyright
Source
Click
Share
Subscribe
Comment
Comments
Breaking
Exclusive
Analysis
Opinion
Editorial
Note
Notes
Factbox
Explainer
Timeline
Graphic
Dear
Sincerely
Welcome
Congratulations
)lex";

}  // namespace

std::string_view builtin_gazetteer_tsv() { return {kGazetteer, sizeof kGazetteer - 1}; }

std::string_view given_names_female() { return {kGivenNamesFemale, sizeof kGivenNamesFemale - 1}; }

std::string_view given_names_male() { return {kGivenNamesMale, sizeof kGivenNamesMale - 1}; }

std::string_view person_titles() { return {kPersonTitles, sizeof kPersonTitles - 1}; }

std::string_view person_roles() { return {kPersonRoles, sizeof kPersonRoles - 1}; }

std::string_view org_heads() { return {kOrgHeads, sizeof kOrgHeads - 1}; }

std::string_view facility_heads() { return {kFacilityHeads, sizeof kFacilityHeads - 1}; }

std::string_view non_name_words() { return {kNonNameWords, sizeof kNonNameWords - 1}; }

}  // namespace newsdoc::detail
